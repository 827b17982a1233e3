// The example host of element.html: two consoles, one per data centre, as custom elements.
import init, { defineConsoleElement } from "../keys-console.js";

await init();

const token = sessionStorage.getItem("utho-keys-console.api-token") ?? undefined;
for (const el of document.querySelectorAll("utho-access-keys")) el.token = token;
// `?manual`: the page without the consoles until defineConsoleElement() is called (tests compare).
window.defineConsoleElement = defineConsoleElement;
if (!new URLSearchParams(location.search).has("manual")) defineConsoleElement();

document.addEventListener("utho-keys:created", (e) => {
  const li = document.createElement("li");
  li.textContent = `${e.target.id}: ${e.type} ${JSON.stringify(e.detail)}`;
  document.getElementById("host-events").append(li);
});
