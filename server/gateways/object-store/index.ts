/** 对象存储: a sandbox S3-compatible store (SigV4 checked, S3's XML errors) for the tests and demos of STORAGE_S3_*. */
export { startObjectStoreSandbox, type ObjectStoreSandbox, type ObjectStoreSandboxOptions, type SandboxObject } from './sandbox-service.ts';
export { checkSignature, type SignatureCheck } from './sigv4.ts';
