// One ffmpeg.wasm core driven directly in this worker: loading, a throwing exec, WORKERFS inputs.
import type { FFmpegCoreModule, FFmpegCoreModuleFactory } from '@ffmpeg/types';
import { EngineCrashError, EngineLoadError, EngineMemoryError, FfmpegExitError } from '$lib/pipeline/errors';
import { BlobWindow, blobBytes, syncReader } from './blob-window';
import type { SyncFile } from './disk-file';

const LOG_TAIL_LINES = 30;
const MEMORY_SIGNS = /OOM|Cannot allocate memory|out of memory|Out of memory/;

export interface RunOptions {
  /** Called with the output time reached, in seconds, as ffmpeg reports its progress. */
  onTime?: (seconds: number) => void;
  /** Collects what ffmpeg/ffprobe print on stdout (ffprobe's JSON). */
  stdout?: string[];
}

/** A stream the core opened on a device file or a mounted Blob (WORKERFS keeps the Blob on its node). */
interface DeviceStream {
  position: number;
  node: { contents: unknown };
}

/** The calls the core makes on an open file. */
interface StreamOps {
  read(stream: DeviceStream, buffer: Int8Array, offset: number, length: number, position: number): number;
  write(stream: DeviceStream, buffer: Int8Array, offset: number, length: number, position: number): number;
  llseek(stream: DeviceStream, offset: number, whence: number): number;
  close?(stream: DeviceStream): void;
}

/** Emscripten's device file calls, which the core has but `@ffmpeg/types` does not describe. */
interface DeviceFs {
  makedev(major: number, minor: number): number;
  registerDevice(dev: number, ops: StreamOps): void;
  mkdev(path: string, mode: number, dev: number): void;
  unlink(path: string): void;
  lookupPath(path: string): { node: { stream_ops: StreamOps } };
  ErrnoError: new (errno: number) => Error;
}

/** Emscripten's numbers: EIO, ENOSPC; the mode of a character device readable and writable by all. */
const EIO = 29;
const ENOSPC = 51;
const DEVICE_MODE = 0o20666;
/** Major number of our disk devices (Emscripten uses 1, 5 and 6 for /dev/null and the ttys). */
const DISK_MAJOR = 64;

/** A view of `length` bytes of the wasm heap at `offset` of `buffer`, as the core's file calls pass it. */
function heapView(buffer: Int8Array, offset: number, length: number): Uint8Array {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset + offset, length);
}

/**
 * WORKERFS's file calls, reading the mounted Blob a window at a time (./blob-window.ts says why): one
 * window per open stream, dropped as it closes (the concat demuxer holds one clip open at a time).
 */
function windowedReads(workerfs: StreamOps): StreamOps {
  const reader = syncReader();
  const windows = new WeakMap<DeviceStream, BlobWindow>();
  const windowOf = (stream: DeviceStream) => {
    let window = windows.get(stream);
    if (!window) windows.set(stream, (window = new BlobWindow(blobBytes(stream.node.contents as Blob, reader))));
    return window;
  };
  return {
    ...workerfs,
    read: (stream, buffer, offset, length, position) =>
      windowOf(stream).readInto(heapView(buffer, offset, length), position),
    close: (stream) => void windows.delete(stream),
  };
}

/** A disk's error as the core's file calls report one: a full disk, else an I/O error. */
function errnoOf(fs: DeviceFs, error: unknown): Error {
  return new fs.ErrnoError((error as { name?: unknown } | null)?.name === 'QuotaExceededError' ? ENOSPC : EIO);
}

/** The core's read call on a file on disk: straight into the heap; `failed` hears the disk's error. */
function diskRead(fs: DeviceFs, file: SyncFile, failed?: (error: unknown) => void): StreamOps['read'] {
  return (_stream, buffer, offset, length, position) => {
    try {
      return file.read(heapView(buffer, offset, length), { at: position });
    } catch (error) {
      failed?.(error);
      throw errnoOf(fs, error);
    }
  };
}

/** An input to mount: its name in the mounted folder, its bytes, and where they can be read on disk. */
export interface MountedFile {
  name: string;
  data: Blob;
  reader?: SyncFile;
}

/**
 * The core's code, fetched whole and compiled from memory. The core's own loader compiles it as it
 * streams in, which in Chromium left the renderer ~70 MB larger for as long as the engine lived, for the
 * same start time (`npm run bench -- assemble`, BENCHMARKS.md): that was most of what an assembly added.
 */
async function compileCore(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A file in the engine whose bytes are on disk; `failure` is the disk's error if a write failed. */
export interface AttachedFile {
  failure(): unknown;
  detach(): void;
}

export class Engine {
  private log: string[] = [];
  /** What the core said when it last aborted (also how a normal failed run ends). */
  private abortReason: string | undefined;
  /** Set once the core trapped or ran out of memory: it is unusable and the pool replaces the worker. */
  private crash: string | undefined;
  private onTime: ((seconds: number) => void) | undefined;
  private stdout: string[] | undefined;
  private mounts = 0;
  private devices = 0;

  private constructor(private readonly core: FFmpegCoreModule) {
    core.setLogger(({ type, message }) => {
      if (type === 'stdout' && this.stdout) return void this.stdout.push(message);
      this.log.push(message);
      if (this.log.length > LOG_TAIL_LINES) this.log.shift();
    });
    // The core reports the output time in microseconds.
    core.setProgress(({ time }) => {
      if (time > 0) this.onTime?.(time / 1e6);
    });
  }

  /** Loads the core served from our own origin (never a CDN). */
  static async load(base: string): Promise<Engine> {
    const url = (file: string) => new URL(`${base}/${file}`, self.location.href).href;
    let engine: Engine | undefined;
    try {
      const [{ default: factory }, wasm] = await Promise.all([
        import(/* @vite-ignore */ url('ffmpeg-core.js')) as Promise<{ default: FFmpegCoreModuleFactory }>,
        compileCore(url('ffmpeg-core.wasm')),
      ]);
      let linkFailed: (cause: unknown) => void = () => undefined;
      const linking = new Promise<never>((_, reject) => (linkFailed = reject));
      const overrides = {
        onAbort: (what: unknown) => engine?.aborted(String(what)),
        // Emscripten's hook for a module compiled elsewhere: `{}` says the instance comes later.
        instantiateWasm: (
          imports: WebAssembly.Imports,
          receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void,
        ) => {
          WebAssembly.instantiate(wasm, imports)
            .then((instance) => receive(instance, wasm))
            .catch(linkFailed);
          return {};
        },
      } as Partial<FFmpegCoreModule>;
      engine = new Engine(await Promise.race([factory(overrides), linking]));
    } catch (cause) {
      throw new EngineLoadError(`The video engine could not start in this browser (${String(cause)}).`, { cause });
    }
    return engine;
  }

  private aborted(what: string): void {
    this.abortReason = what;
  }

  /** The last lines ffmpeg logged in the latest run. */
  tail(): string {
    return this.log.join('\n');
  }

  /**
   * Runs ffmpeg (or ffprobe) and throws a named error on any failure, with the log tail.
   * ffmpeg.wasm ends every failed run with an `Aborted()` after setting its exit code, and the core
   * stays usable; only a trap (thrown error) or an abort without exit code means a real crash.
   */
  run(args: string[], options: RunOptions = {}, program: 'ffmpeg' | 'ffprobe' = 'ffmpeg'): void {
    if (this.crash) throw new EngineCrashError(`The video engine crashed earlier: ${this.crash}`);
    this.log = [];
    this.abortReason = undefined;
    this.onTime = options.onTime;
    this.stdout = options.stdout;
    let code: number;
    try {
      code = program === 'ffmpeg' ? this.core.exec(...args) : this.core.ffprobe(...args);
    } catch (cause) {
      this.crash = String(cause);
      code = -1;
    } finally {
      this.core.reset();
      this.onTime = undefined;
      this.stdout = undefined;
    }
    // ffprobe in this core never sets an exit code (-1 even on success): its caller judges its stdout.
    const finished = code === 0 || (program === 'ffprobe' && code === -1);
    if (finished && !this.crash) return;
    if (MEMORY_SIGNS.test(`${this.crash ?? ''} ${this.abortReason ?? ''}\n${this.tail()}`)) {
      this.crash ??= 'out of memory';
      throw new EngineMemoryError(`The video engine ran out of memory.\n${this.tail()}`);
    }
    if (this.crash || code < 0) {
      this.crash ??= `${program} stopped without an exit code`;
      throw new EngineCrashError(`ffmpeg.wasm crashed (${this.crash}).\n${this.tail()}`);
    }
    throw new FfmpegExitError(`${program} exited with code ${code}.\n${this.tail()}`);
  }

  /**
   * Mounts blobs read-only under a fresh directory (no copy into the wasm heap); returns their paths.
   * A file given a `reader` (the same bytes, open on disk) is read through it.
   */
  mount(files: MountedFile[]): { dir: string; paths: string[]; unmount: () => void } {
    const dir = `/in${++this.mounts}`;
    const fs = this.core.FS;
    fs.mkdir(dir);
    fs.mount(fs.filesystems.WORKERFS, { blobs: files }, dir);
    const paths = files.map((file) => `${dir}/${file.name}`);
    const devices = fs as unknown as DeviceFs;
    let windowed: StreamOps | undefined;
    paths.forEach((path, i) => {
      const node = devices.lookupPath(path).node;
      const reader = files[i]?.reader;
      node.stream_ops = reader
        ? { ...node.stream_ops, read: diskRead(devices, reader) }
        : (windowed ??= windowedReads(node.stream_ops));
    });
    return {
      dir,
      paths,
      unmount: () => {
        fs.unmount(dir);
        fs.rmdir(dir);
      },
    };
  }

  /**
   * Makes `path` a file whose bytes go to `file` (on disk) as ffmpeg writes them, never into the wasm
   * heap. It is a device file rather than a mount, so ffmpeg's own open, seek, write and read-back
   * (the second pass of `+faststart`) reach it unchanged; ffmpeg needs `-y` to write to it, as it exists.
   */
  attach(path: string, file: SyncFile): AttachedFile {
    const fs = this.core.FS as unknown as DeviceFs;
    const dev = fs.makedev(DISK_MAJOR, ++this.devices);
    let failure: unknown;
    const failed = (error: unknown) => void (failure ??= error);
    const guard = <T>(io: () => T): T => {
      try {
        return io();
      } catch (error) {
        failed(error);
        throw errnoOf(fs, error);
      }
    };
    fs.registerDevice(dev, {
      read: diskRead(fs, file, failed),
      write: (_stream, buffer, offset, length, position) =>
        guard(() => file.write(heapView(buffer, offset, length), { at: position })),
      llseek: (stream, offset, whence) => {
        const base = whence === 1 ? stream.position : whence === 2 ? guard(() => file.getSize()) : 0;
        if (base + offset < 0) throw new fs.ErrnoError(28);
        return base + offset;
      },
    });
    fs.mkdev(path, DEVICE_MODE, dev);
    return { failure: () => failure, detach: () => fs.unlink(path) };
  }

  writeText(path: string, text: string): void {
    this.core.FS.writeFile(path, text);
  }

  /** Reads a file out of the wasm heap and deletes it at once, so the heap never holds two outputs. */
  take(path: string): Uint8Array<ArrayBuffer> {
    const bytes = this.core.FS.readFile(path, { encoding: 'binary' }) as Uint8Array<ArrayBuffer>;
    this.core.FS.unlink(path);
    return bytes;
  }

  /** Deletes a file if it exists (after a failed run). */
  discard(path: string): void {
    try {
      this.core.FS.unlink(path);
    } catch {
      // Nothing was written.
    }
  }
}
