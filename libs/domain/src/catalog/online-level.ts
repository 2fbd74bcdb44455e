/**
 * Online service level of a procedure (mức độ dịch vụ công trực tuyến), levels 1-4 of the
 * rules before Decree 42/2022: 1 information, 2 downloadable forms, 3 submit online,
 * 4 also pay and receive the result online or by post.
 */
export const ONLINE_LEVELS = [1, 2, 3, 4] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

/** Decree 42/2022: full online (toàn trình) or partial online (một phần). */
export const ONLINE_MODES = ['full', 'partial', 'none'] as const;
export type OnlineMode = (typeof ONLINE_MODES)[number];

/** National procedure code `d.dddddd`, optionally followed by a local variant suffix. */
export const PROCEDURE_CODE_PATTERN = /^\d\.\d{6}(\.[0-9A-Za-z.]{1,30})?$/;
