// The Worker entry: the API under /api, the rooms under /parties (their Durable Object class is exported here, as
// wrangler.toml declares it), the hourly clean-up; every other path is the web app, served from the assets binding.
import type { Bindings } from "./env";
import { createApp } from "./app";
import { cleanUp } from "./cleanup";

export { ChatRoom } from "./realtime/chat-room";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      cleanUp(env).then(
        (done) => console.log("clean-up:", JSON.stringify(done)),
        (err) => console.error("clean-up failed:", (err as Error).message),
      ),
    );
  },
} satisfies ExportedHandler<Bindings>;
