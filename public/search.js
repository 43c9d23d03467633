// Results as you type on /search: the form still works without this file (a plain GET).
const form = document.querySelector('form[data-live-search]');
if (form) {
  let timer = 0;
  let pending = null;
  const refresh = async () => {
    const params = new URLSearchParams(new FormData(form));
    // Defaults stay out of the address, as the server's own links leave them out.
    for (const [k, v] of [...params]) if (!v || (k === 'sort' && v === 'relevance') || (k === 'listed' && v === 'any')) params.delete(k);
    const results = document.getElementById('results');
    pending?.abort();
    pending = new AbortController();
    results?.setAttribute('aria-busy', 'true');
    try {
      const url = `/search?${params}`;
      const res = await fetch(`${url}${params.size ? '&' : ''}partial=1`, { signal: pending.signal, headers: { Accept: 'text/html' } });
      const fragment = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('results');
      if (fragment && results) results.replaceWith(fragment);
      // A filter fixed since the page was served: its mark and message go (the server re-marks it if still wrong).
      if (fragment && !fragment.hasAttribute('data-search-error')) {
        document.getElementById('filter-error')?.remove();
        for (const field of form.querySelectorAll('[aria-invalid="true"]')) field.removeAttribute('aria-invalid');
      }
      history.replaceState(null, '', url);
    } catch (e) {
      if (e.name !== 'AbortError') results?.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 180);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    refresh();
  });
}
