// What worker, party and web agree on. Imports valibot only.
export * from "./limits";
export * from "./types";
export * as schemas from "./schemas";
export * from "./ticket";
export * from "./room";
export * from "./files";
export * from "./emoji";
