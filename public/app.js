// Progressive enhancement only: every page works without this file.
document.addEventListener('change', (event) => {
  const form = event.target.closest('form[data-autosubmit]');
  if (form && event.target.value) form.requestSubmit();
});

for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy BibTeX'), 1500);
  });
}
