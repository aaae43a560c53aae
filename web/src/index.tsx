// The client's entry: applies the theme, then mounts the app.
import { render } from "solid-js/web";
import "./lib/theme";
import { App } from "./app";
import "./styles.css";

render(() => <App />, document.getElementById("root")!);
