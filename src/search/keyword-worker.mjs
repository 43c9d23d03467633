// The keyword index build's worker thread: TypeScript is loaded the way bin/paperboy.js loads it.
import { register } from 'tsx/esm/api';

register();
await import('./keyword-worker-main.ts');
