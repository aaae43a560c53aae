// Chromium for the browser tests (playwright-core driving the system's chromium), people signed in through
// the API with their session cookie, and screenshots kept as test output (test-output/, not committed).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { signUp, workerUrl, type Person } from "../helpers";

export { workerUrl };

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
}

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** uncaught errors in the page, to show when a test fails */
  errors: string[];
}

/** `base`: another worker than the suite's (a `secondWorker`'s url), for its settings. */
export async function visit(browser: Browser, opts: { person?: Person; viewport?: { width: number; height: number }; colorScheme?: "light" | "dark"; base?: string } = {}): Promise<Visitor> {
  const base = opts.base ?? workerUrl;
  const context = await browser.newContext({
    baseURL: base,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? "dark",
  });
  if (opts.person) await context.addCookies([{ name: "session", value: opts.person.token, url: base, httpOnly: true, sameSite: "Lax" }]);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** A person made through the API, already signed in in a fresh browser context. */
export async function signedIn(browser: Browser, name: string, opts: Parameters<typeof visit>[1] = {}) {
  const person = await signUp(name);
  return { person, ...(await visit(browser, { ...opts, person })) };
}

const outDir = path.resolve(import.meta.dirname, "../../test-output/screens");
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
}

/** Controls on the page a screen reader could not name: no text, no aria-label(ledby), no title, no label. */
export function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=menuitem]")]
      .filter((el) => el.getClientRects().length > 0 && !el.closest("[hidden]") && el.offsetParent !== null)
      .filter((el) => {
        const labelled = el.getAttribute("aria-labelledby")?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim());
        const labels = (el as HTMLInputElement).labels;
        return !(el.textContent?.trim() || el.getAttribute("aria-label")?.trim() || el.title.trim() || labelled || (labels && labels.length) || (el as HTMLInputElement).placeholder);
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}
