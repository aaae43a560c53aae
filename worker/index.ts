// The Worker entry: the API under /api; every other path is the web app, served from the assets binding.
import { createApp } from "./app";

export default createApp();
