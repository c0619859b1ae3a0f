// The CSV's one cell for a guided session (lib/diary-share.js). A file of its own, so that the export bundle
// does not carry the diary's session view (lib/session-view.js) for one function.

// The CSV's "Pain per exercise" cell: "Bridge 3; Knee rolls 8 built up" (empty without a session).
export function sessionViewCsv(entry) {
  const session = entry && entry.session;
  if (!session || !Array.isArray(session.items)) return '';
  return session.items.filter((item) => item.pain !== null || item.builtUp)
    .map((item) => [item.name, item.pain, item.builtUp ? 'built up' : ''].filter((bit) => bit !== null && bit !== '').join(' '))
    .join('; ');
}
