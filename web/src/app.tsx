// Routes of the client: the auth pages, and everything else under the signed-in layout.
import { lazy } from "solid-js";
import { Route, Router } from "@solidjs/router";
import { QueryClientProvider } from "@tanstack/solid-query";
import { queryClient } from "./state/query-client";
import { SignedInLayout } from "./routes/signed-in-layout";
import { HomePage } from "./routes/home";
import { InvitePage } from "./routes/invite";
import { ServerLayout, ServerIndex } from "./routes/server-layout";
import { ChannelPage } from "./routes/channel";
import { ConversationPage } from "./routes/conversation";
import { NotFound } from "./routes/not-found";

// opened now and then: its code loads when it is (it imports packages only through modules of the first page,
// else the bundler splits those packages out of the entry chunk, which costs the first page ~2 kB)
const SettingsPage = lazy(() => import("./routes/settings"));

// someone signed in never needs the sign-in pages, nor the form validation (valibot and the schemas) they bring
const AuthPage = lazy(() => import("./routes/auth").then((m) => ({ default: m.AuthPage })));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        <Route path="/sign-in" component={() => <AuthPage mode="sign-in" />} />
        <Route path="/sign-up" component={() => <AuthPage mode="sign-up" />} />
        <Route path="/" component={SignedInLayout}>
          <Route path="/" component={HomePage} />
          <Route path="/invite/:code" component={InvitePage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/servers/:serverId" component={ServerLayout}>
            <Route path="/" component={ServerIndex} />
            <Route path="/channels/:channelId" component={ChannelPage} />
            <Route path="/conversations/:memberId" component={ConversationPage} />
          </Route>
          <Route path="*" component={NotFound} />
        </Route>
      </Router>
    </QueryClientProvider>
  );
}
