// The whole schema, one module per domain.
export * from "./profiles";
export * from "./servers";
export * from "./messages";
export * from "./calls";
export * from "./uploads";
export * from "./limits";
export * from "./passkeys";
export * from "./audit";
