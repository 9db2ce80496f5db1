/** Demo subscriptions the tests write into. */
export const FINANCE = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';
export const SALES = 'f4edd3dc-be05-4698-b2c9-ab09209df5f1';
export const HR = '60e9f4aa-84c0-4103-b35e-39abddbf9406';
export const PLATFORM_MANAGEMENT = 'cf42f937-d5b8-4963-acb4-c9cc14578aaf';
export const GENAI_SANDBOX = '9237d247-7c35-491e-a970-1ca587594fbc';
/** Seeded as Disabled (a cancelled sandbox). */
export const CANCELLED_SANDBOX = 'a94a9770-ab5d-4bd8-a101-e3f1dcef659e';
export const UNKNOWN_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
