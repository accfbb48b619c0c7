/** GET and POST (JSON) against a running simulator's /_sim/ control routes; `root` is the server URL. */
export function simControl(root: string) {
  return {
    get: (path: string) => fetch(`${root}/_sim/${path}`).then((r) => r.json() as Promise<Record<string, unknown>>),
    post: (path: string, body?: unknown) =>
      fetch(`${root}/_sim/${path}`, {
        method: "POST",
        body: JSON.stringify(body ?? {}),
        headers: { "content-type": "application/json" },
      }).then((r) => r.json() as Promise<Record<string, unknown>>),
  };
}
