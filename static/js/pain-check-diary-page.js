// Loaded by pain-check.js only when the patient presses "Save to my diary" (bundle "pain-check-diary"),
// so the pain check page does not carry the diary's code. Its own scope hands over one function.
import { painCheckSaveToDiary } from './lib/pain-check-diary.js';

window.ptguidePainCheckDiary = { save: painCheckSaveToDiary };
