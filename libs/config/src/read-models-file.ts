/** The read models' SQLite file under DATA_DIR, as the server and the CLI's rebuild open it. */
export const READ_MODELS_FILE = 'readmodels.sqlite';
