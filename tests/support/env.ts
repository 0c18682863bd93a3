// Environment for tests that run the real handlers in-process (integration, e2e).
process.env.TABLE_NAME ??= 'red-circle-test';
process.env.TOKEN_SECRET ??= 'test-secret-0123456789abcdef0123456789abcdef';
process.env.QR_KEYS ??= 'v1:test-qr-key-0123456789abcdef';
process.env.AUTH_PROVIDER ??= 'local';
process.env.ADMIN_OPENIDS ??= 'admin';
process.env.LOG_LEVEL ??= 'silent';
process.env.AWS_REGION ??= 'ap-east-1';
// These machines run Node 20 on purpose (Lambda runs 24); the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
