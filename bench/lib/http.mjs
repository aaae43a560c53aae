// JSON over HTTP for the benchmark's own calls (Node's fetch keeps its connections alive).
export async function api(base, path, { method = "GET", token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A call that must succeed with `want`; anything else stops the benchmark with the answer in the message. */
export async function must(want, base, path, opts) {
  const res = await api(base, path, opts);
  if (res.status !== want) throw new Error(`${opts?.method ?? "GET"} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The status only, with the body read to the end so the connection goes back to the pool. */
export async function status(url, { method = "GET", token, body } = {}) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  // a server that stopped answering fails its requests after 30 s instead of holding the run for minutes
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return res.status;
}

export async function waitFor(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}
