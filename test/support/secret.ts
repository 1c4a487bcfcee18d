/** The tests' PORTAL_SECRET: the Worker gets it as a var, and the test process keys with it too. */
export const testSecret = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
