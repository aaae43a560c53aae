// Typed calls to the worker: the session cookie travels with every request; errors become ApiError.
import type { AuthResult, OwnProfile, Server } from "../../../contract";

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new ApiError(res.status, (data as { error?: string }).error ?? res.statusText);
  return data as T;
}

export const signUp = (body: { email: string; password: string; name: string }) =>
  api<AuthResult>("/auth/sign-up", { method: "POST", body });
export const signIn = (body: { email: string; password: string }) => api<AuthResult>("/auth/sign-in", { method: "POST", body });
export const signOut = () => api<void>("/auth/sign-out", { method: "POST" });
export const getProfile = () => api<OwnProfile>("/profile");
export const listServers = () => api<Server[]>("/servers");
