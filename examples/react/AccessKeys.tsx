// A React host: the console in a component, mounted on first render and unmounted with it.
// `make test` type-checks this file against the built dist/keys-console.d.ts (tsconfig.json).
import { useEffect, useRef } from "react";
import init, { mountConsole, type ConsoleHandle, type UthoKeysEventMap } from "keys-console";

let ready: Promise<unknown> | undefined;

export function AccessKeys({ dc, getToken, onUnauthorized }: {
  dc: string;
  getToken: () => Promise<string>;
  onUnauthorized: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    let handle: ConsoleHandle | undefined;
    let gone = false;
    const unauthorized = (e: UthoKeysEventMap["utho-keys:unauthorized"]) => {
      console.warn(`session refused in ${e.detail.dc}`);
      onUnauthorized();
    };
    el.addEventListener("utho-keys:unauthorized", unauthorized);
    ready ??= init();
    void ready.then(() => {
      if (!gone) handle = mountConsole(el, { apiBase: "https://api.utho.com/v2/", dc, getToken, urlState: "prefixed" });
    });
    return () => {
      gone = true;
      el.removeEventListener("utho-keys:unauthorized", unauthorized);
      handle?.unmount();
    };
  }, [dc, getToken, onUnauthorized]);
  return <div ref={box} />;
}

/** The custom element in JSX: attributes as props, the token only as a property. */
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "utho-access-keys": React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        "api-base"?: string;
        dc?: string;
        "url-state"?: "query" | "prefixed" | "none";
        "timeout-secs"?: string;
      };
    }
  }
}

export function AccessKeysElement({ dc, token }: { dc: string; token: string }) {
  const ref = useRef<HTMLElementTagNameMap["utho-access-keys"]>(null);
  useEffect(() => {
    if (ref.current) ref.current.token = token;
  }, [token]);
  return <utho-access-keys ref={ref} api-base="https://api.utho.com/v2/" dc={dc} />;
}
