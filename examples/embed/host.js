// The example host: mounts the console into #access-keys with mountConsole(). The token comes from
// the host's session; here, the tab's session of the console's own page (open /#token=… first).
// Tests drive other options through window.host.
import init, { mountConsole } from "../keys-console.js";

await init();

const box = document.getElementById("access-keys");
const session = () => sessionStorage.getItem("utho-keys-console.api-token") ?? undefined;

// Every event the console raises, as the host would log it.
for (const type of ["created", "status-changed", "deleted", "permission-changed", "unauthorized"]) {
  box.addEventListener(`utho-keys:${type}`, (e) => {
    const li = document.createElement("li");
    li.textContent = `${e.type} ${JSON.stringify(e.detail)}`;
    document.getElementById("host-events").append(li);
  });
}

window.host = {
  handle: null,
  mountConsole,
  mount(options = {}) {
    this.unmount();
    this.handle = mountConsole(box, { apiBase: "/v2/", dc: "innoida", getToken: session, ...options });
  },
  unmount() {
    this.handle?.unmount();
    this.handle = null;
  },
};
if (!new URLSearchParams(location.search).has("manual")) window.host.mount();
