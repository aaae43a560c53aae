// Routes of the client.
import { Route, Router } from "@solidjs/router";
import { AuthPage } from "./routes/auth";
import { HomePage } from "./routes/home";

export function App() {
  return (
    <Router>
      <Route path="/sign-in" component={() => <AuthPage mode="sign-in" />} />
      <Route path="/sign-up" component={() => <AuthPage mode="sign-up" />} />
      <Route path="/*" component={HomePage} />
    </Router>
  );
}
