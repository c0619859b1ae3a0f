// First file of the pain check's "Save to my diary" bundle: lib/storage.js as the pain check page's own
// bundle handed it over (window.ptguideStorage, set by pain-check.js), so the lazy bundle carries no
// second copy. Node's tests import lib/storage-salvage.js directly, where the import is real.
const { createStorage, storageSchemaOfValue } = window.ptguideStorage;
