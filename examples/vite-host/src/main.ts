// A host application with its own pages: the console is one of them, mounted when its route opens
// and unmounted when the person goes elsewhere. The API token comes from the host's own session.
import init, { mountConsole, defineConsoleElement, type ConsoleHandle } from "@utho/access-keys";

/** The host's session: here, a token the person signed in with, kept for the tab. */
const session = {
  apiToken: (): string | null => sessionStorage.getItem("acme-session-token"),
};

const page = document.getElementById("host-page")!;
const notice = document.getElementById("host-notice")!;
let handle: ConsoleHandle | null = null;

// The console's events bubble out of it (and out of the element's shadow root).
page.addEventListener("utho-keys:created", (e) => {
  notice.textContent = `Key ${e.detail.name} created in ${e.detail.dc}.`;
});

function leave(): void {
  handle?.unmount();
  handle = null;
  page.replaceChildren();
}

function show(route: string): void {
  leave();
  if (route === "#/keys") {
    const box = document.createElement("div");
    box.id = "access-keys";
    page.append(box);
    handle = mountConsole(box, { apiBase: "/v2/", dc: "innoida", getToken: () => session.apiToken() });
  } else if (route === "#/element") {
    const el = document.createElement("utho-access-keys");
    el.setAttribute("api-base", "/v2/");
    el.setAttribute("dc", "innoida");
    el.getToken = () => session.apiToken();
    page.append(el);
  } else {
    const p = document.createElement("p");
    p.textContent = "Welcome to Acme Cloud. Your object storage keys are under Access keys.";
    page.append(p);
  }
}

await init();
defineConsoleElement();
addEventListener("hashchange", () => show(location.hash));
show(location.hash);
