/** The HS256 secret every test server and every test token share. */
export const TEST_JWT_SECRET = 'praktijklus-test-secret-0123456789-abcdefghij';
