export * from './personal-data-vault';
export * from './sqlite-personal-data-vault';
export * from './postgres-personal-data-vault';
