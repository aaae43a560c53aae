// The client's entry: mounts the router.
import { render } from "solid-js/web";
import { App } from "./app";
import "./styles.css";

render(() => <App />, document.getElementById("root")!);
