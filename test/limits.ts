// The rate limits every test stack runs with (the suite's workers and each `secondWorker`, under its own vars).
/**
 * The per-person and per-address limits are raised: the suite signs up hundreds of people from one address and
 * some tests react, edit, search and ask for tickets far faster than a person would. The limits that the older
 * tests rely on as shipped (messages per member in one room, failed sign-ins per e-mail and address) keep their
 * defaults; test/rate-limits.test.ts and test/moderation.test.ts check every limit on workers of their own.
 */
export const SUITE_LIMITS: Record<string, string> = {
  RATE_LIMIT_UPLOADS: "1000/60",
  RATE_LIMIT_SIGN_UP: "100000/60",
  RATE_LIMIT_SIGN_IN_ADDRESS: "100000/60",
  RATE_LIMIT_MESSAGES_PERSON: "100000/60",
  RATE_LIMIT_REACTIONS: "100000/60",
  RATE_LIMIT_EDITS: "100000/60",
  RATE_LIMIT_SEARCH: "100000/60",
  RATE_LIMIT_TICKETS: "100000/60",
};
