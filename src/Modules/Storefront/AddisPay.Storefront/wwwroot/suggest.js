// Search suggestions: fills the search box's <datalist> with product names as the shopper types. Only an enhancement:
// without it the box is a plain search form. Listens on the document, so it keeps working across enhanced navigation.
(() => {
  let timer = 0, last = "", controller = null;
  document.addEventListener("input", e => {
    const box = e.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.suggest || !box.list) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = box.value.trim();
      if (q === last || q.length < 2) return;
      last = q;
      controller?.abort();
      controller = new AbortController();
      try {
        const res = await fetch(box.dataset.suggest + "?q=" + encodeURIComponent(q), { signal: controller.signal, headers: { accept: "application/json" } });
        if (!res.ok) return;
        const names = await res.json();
        box.list.replaceChildren(...names.map(n => { const o = document.createElement("option"); o.value = n; return o; }));
      } catch { /* aborted by the next keystroke, or offline: keep the old suggestions */ }
    }, 150);
  });
})();
