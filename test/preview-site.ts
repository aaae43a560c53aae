// The pages the link-preview tests link to: a real HTTP server in the test process, on the port the worker's
// LINK_PREVIEW_ALLOW lets through (test/global-setup.ts). It listens on every local address, so a refused host
// (localhost, ::1, 127.0.0.2) would reach it if the worker fetched it: `seen` lists every request it got.
import http from "node:http";
import { inject } from "vitest";
import { png } from "../worker/files/samples";

export const previewPort = inject("previewPort");
export const site = `http://127.0.0.1:${previewPort}`;

const page = (head: string, body = "") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

export function startSite() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", site);
    seen.push(url.pathname + url.search);
    const html = (text: string) => (res.writeHead(200, { "content-type": "text/html; charset=utf-8" }), res.end(text));
    switch (url.pathname) {
      case "/og":
        return html(page(`<title>Not this one</title>
          <meta property="og:title" content="Open &amp; Graph"><meta property="og:description" content="What the page is about">
          <meta property="og:site_name" content="Test Site"><meta property="og:image" content="/img.png?${url.searchParams}">`));
      case "/plain":
        return html(page(`<title>Plain &amp; simple</title><meta name="description" content="Just a page">`));
      case "/fake-image":
        return html(page(`<meta property="og:title" content="Fake image"><meta property="og:image" content="/not-an-image.png">`));
      case "/big-image":
        return html(page(`<meta property="og:title" content="Big image"><meta property="og:image" content="/big.png">`));
      case "/private-image":
        return html(page(`<meta property="og:title" content="Private image"><meta property="og:image" content="http://localhost:${previewPort}/img.png">`));
      case "/img.png":
        return res.writeHead(200, { "content-type": "image/png" }), res.end(png());
      case "/not-an-image.png":
        return res.writeHead(200, { "content-type": "image/png" }), res.end("<svg xmlns='http://www.w3.org/2000/svg'></svg>");
      case "/big.png":
        return res.writeHead(200, { "content-type": "image/png" }), res.end(png(4 * 1024 * 1024 + 1));
      case "/json":
        return res.writeHead(200, { "content-type": "application/json" }), res.end(JSON.stringify({ title: "not html" }));
      case "/slow":
        // answers long after the worker's 5 seconds
        return void setTimeout(() => !res.destroyed && html(page("<title>Too slow</title>")), 8000).unref();
      case "/huge": {
        // 2 MiB of page, its Open Graph title only after the first 600 KiB: the worker reads 512 KiB and stops
        res.writeHead(200, { "content-type": "text/html" });
        res.write(`<!doctype html><html><head><title>Huge page</title>`);
        res.write(`<!-- ${"x".repeat(600 * 1024)} -->`);
        res.write(`<meta property="og:title" content="Too far down">`);
        let sent = 0;
        const more = () => {
          while (sent < 1400 && res.write(`<!-- ${"y".repeat(1024)} -->`)) sent++;
          if (sent < 1400) res.once("drain", more);
          else res.end("</head></html>");
        };
        res.on("error", () => {});
        return more();
      }
      case "/redirect": {
        const to = url.searchParams.get("to")!;
        return res.writeHead(302, { location: to }), res.end();
      }
      case "/chain": {
        const n = Number(url.searchParams.get("n"));
        return res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}&t=${url.searchParams.get("t")}` : `/plain?t=${url.searchParams.get("t")}` }), res.end();
      }
      default:
        return res.writeHead(404, { "content-type": "text/plain" }), res.end("no such page");
    }
  });
  return {
    seen,
    start: () => new Promise<void>((resolve) => server.listen(previewPort, "::", () => resolve())),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
