// Which engine the latest clip started rendering with, for the progress panel (set by the render pool).
import type { ClipEngine } from '../../workers/render.worker';

export const engineInUse = $state<{ current: ClipEngine | undefined }>({ current: undefined });
