// The Worker entry: the API under /api, the rooms under /parties (their Durable Object class is exported here, as
// wrangler.toml declares it); every other path is the web app, served from the assets binding.
import { createApp } from "./app";

export { ChatRoom } from "../party/room";
export default createApp();
