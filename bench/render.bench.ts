// `npm run bench -- render`: a 60 s 1080p30 video of 10 scenes rendered in headless Chromium by the app's
// pool with both engines (ffmpeg.wasm and WebCodecs), next to native Debian ffmpeg running the same
// arguments; speed, memory, quality against a lossless render, jitter.
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chooseMotion, planMotion, type RenderPlan } from '../src/lib/pipeline/kenburns';
import { clipArgs, clipFilterGraph, h264Args } from '../src/lib/pipeline/kenburns-filter';
import { assembleArgs, concatList } from '../src/lib/pipeline/media-args';
import { ROOT } from '../tests/e2e/harness';
import { openHarness } from '../tests/e2e/render-harness/session';
import { ffprobe, fitAudio, psnr, speak, ssim } from '../tests/support/media';
import { captionedPlans, evenlySpoken } from './captions';
import { childCpuSeconds, watchPeakRssMb } from './process-stats';

const run = promisify(execFile);
const OUT = join(ROOT, 'bench/out/render');
const SCENE_SECONDS = [5.7, 6.4, 5.2, 6.9, 5.5, 6.1, 6.6, 5.9, 5.3, 6.4];
const DURATION = 60;
const SIZE = '1344x768';
/** Stand-ins for generated photos: detailed, colourful, noisy, at an image model's usual 16:9 size. */
const PICTURES = [
  `mandelbrot=s=${SIZE}:start_x=-0.743643887:start_y=0.131825904:start_scale=0.004:maxiter=500,hue=h=40:s=1.3`,
  `gradients=s=${SIZE}:c0=0x12305a:c1=0xf2a03d:x0=0:y0=0:x1=0:y1=768:speed=0.0001,noise=alls=3:allf=t,gblur=sigma=1`,
  `cellauto=s=${SIZE}:rule=90:scroll=0:start_full=0,gblur=sigma=3,colorchannelmixer=rr=0.9:gg=0.5:bb=0.2`,
  `color=c=black:s=${SIZE},geq=r='128+110*sin(X/37+sin(Y/53))':g='110+90*sin(Y/41+X/90)':b='128+120*cos((X+Y)/67)'`,
  `life=s=${SIZE}:mold=10:ratio=0.3:death_color=#203040:life_color=#e0c080:seed=7,gblur=sigma=2,noise=alls=3`,
  `color=c=black:s=${SIZE},geq=r='if(lt(Y,380+70*sin(X/160)),70+Y/4,40+20*sin(X/9)*sin(Y/7))':g='if(lt(Y,380+70*sin(X/160)),120+Y/5,90+30*sin(X/13))':b='if(lt(Y,380+70*sin(X/160)),230-Y/8,40)',noise=alls=4:allf=t`,
  `mandelbrot=s=${SIZE}:start_x=-0.1011:start_y=0.9563:start_scale=0.01:maxiter=400,hue=h=200`,
  `gradients=s=${SIZE}:c0=0x3a1c71:c1=0xd76d77:c2=0xffaf7b:nb_colors=3:x0=0:y0=0:x1=1344:y1=768:speed=0.0001,noise=alls=4:allf=t,vignette`,
  `color=c=black:s=${SIZE},geq=r='128+127*sin(hypot(X-672\\,Y-500)/23)':g='60+50*sin(hypot(X-672\\,Y-500)/31)':b='40',gblur=sigma=1.5`,
  `cellauto=s=${SIZE}:rule=30:scroll=0:start_full=0,gblur=sigma=2,colorchannelmixer=rr=0.2:gg=0.7:bb=0.5,noise=alls=3`,
];
const NARRATION =
  'In the early light the harbour wakes slowly. Fishing boats rock against the pier while gulls circle ' +
  'overhead, calling to each other. An old man checks his nets, one knot at a time, the way his father ' +
  'taught him. Up the hill the bakery opens its shutters and the smell of bread drifts down the narrow ' +
  'streets. Children run past with their school bags, laughing at nothing in particular. By noon the ' +
  'market is full of voices, colours and the bright shine of fresh fish on ice. In the afternoon the ' +
  'wind turns, the sky fills with clouds, and the whole town seems to hold its breath until the rain.';

/** Runs native ffmpeg jobs `lanes` at a time, one thread each (like one wasm worker each). */
async function nativeLanes(jobs: string[][], lanes: number): Promise<void> {
  let next = 0;
  const single = ['-threads', '1', '-filter_threads', '1', '-filter_complex_threads', '1'];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < jobs.length; i = next++) {
        const args = jobs[i] as string[];
        await run('ffmpeg', ['-v', 'error', '-y', ...single, ...args.slice(0, -1), args.at(-1) as string]);
      }
    }),
  );
}

/** The video stream's bitrate in kb/s, from its size and length. */
async function videoKbps(file: string): Promise<number> {
  const video = (await ffprobe(file)).streams.find((s) => s.codec_type === 'video');
  return Number(video?.bit_rate) / 1000;
}

/**
 * SSIM and PSNR of each engine's final against a lossless native render of the same plans, and of
 * x264 with the clips' settings (ffmpeg.wasm's encoder) at the WebCodecs file's bitrate.
 */
async function qualityRows(plans: RenderPlan[], images: string[], finals: Record<'wasm' | 'webcodecs', string>) {
  const reference = join(OUT, 'lossless.mkv');
  const parts = plans.map((plan) => join(OUT, `lossless${plan.index}.mkv`));
  for (const [i, plan] of plans.entries()) {
    await run('ffmpeg', [
      ...['-v', 'error', '-y', '-i', images[i] as string, '-filter_complex', clipFilterGraph(plan), '-map', '[v]'],
      ...['-frames:v', String(plan.frames), '-r', String(plan.fps), '-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-qp', '0', parts[i] as string],
    ]);
  }
  writeFileSync(join(OUT, 'lossless.txt'), concatList(parts));
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    join(OUT, 'lossless.txt'),
    '-c',
    'copy',
    reference,
  ]);
  const webKbps = await videoKbps(finals.webcodecs);
  const plan = plans[0] as RenderPlan;
  const atWebSize = join(OUT, 'x264-at-webcodecs-size.mp4');
  const x264 = h264Args(plan.width, plan.height, plan.fps);
  x264.splice(x264.indexOf('-crf'), 2, '-b:v', `${Math.round(webKbps)}k`);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', reference, ...x264, atWebSize]);
  const rows: [string, string][] = [];
  for (const [name, file] of [
    ['ffmpeg.wasm final (x264 CRF 23, capped)', finals.wasm],
    ['WebCodecs final (browser encoder, VBR at the cap)', finals.webcodecs],
    ["x264 with the clips' settings at the WebCodecs bitrate (native)", atWebSize],
  ] as const) {
    rows.push([
      `quality vs lossless: ${name}`,
      `${(await videoKbps(file)).toFixed(0)} kb/s, SSIM ${(await ssim(file, reference)).toFixed(4)}, PSNR ${(await psnr(file, reference)).toFixed(2)} dB`,
    ]);
  }
  return rows;
}

async function jitter(file: string): Promise<string> {
  const { stdout } = await run('node', [join(ROOT, 'tests/tools/kenburns-jitter.mjs'), file]);
  return /jitter_rms_px=([\d.]+)/.exec(stdout)?.[1] ?? '?';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

mkdirSync(OUT, { recursive: true });
const harness = await openHarness();
try {
  const input = (name: string) => join(harness.inputs, name);
  const images = PICTURES.map((_, i) => `picture${i}.jpg`);
  await Promise.all(
    PICTURES.map((graph, i) =>
      run('ffmpeg', [
        '-v',
        'error',
        '-nostdin',
        '-y',
        '-f',
        'lavfi',
        '-i',
        graph,
        '-frames:v',
        '1',
        '-q:v',
        '3',
        input(images[i] as string),
      ]),
    ),
  );
  await speak(NARRATION, input('speech.wav'), { wpm: 140 });
  await fitAudio(input('speech.wav'), DURATION, input('narration.m4a'), ['-c:a', 'aac', '-b:a', '128k']);
  copyFileSync(join(ROOT, 'tests/fixtures/dot.png'), input('dot.png'));
  const ends = SCENE_SECONDS.map((_, i) => SCENE_SECONDS.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const spec = {
    audio: '/in/narration.m4a',
    images: images.map((name) => `/in/${name}`),
    ends,
    format: 'youtube' as const,
  };

  // ffmpeg.wasm in Chromium: the whole job as the app runs it (workers start lazily, inside the timing).
  const workers = await harness.page.evaluate(() => window.vf.reset());
  const stopWatch = watchPeakRssMb();
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const wasm = await harness.page.evaluate((s) => window.vf.video(s, false), spec);
  const wallMs = performance.now() - started;
  const peakMb = stopWatch();
  const wasmCpu = childCpuSeconds() - cpuBefore;
  const finalFile = join(OUT, 'wasm.mp4');
  writeFileSync(finalFile, Buffer.from(await harness.page.evaluate(() => window.vf.final()), 'base64'));
  const probe = await ffprobe(finalFile, true);
  const frames = Number(probe.streams.find((s) => s.codec_type === 'video')?.nb_read_frames);
  const plans: RenderPlan[] = await harness.page.evaluate((s) => window.vf.plans(s), spec);

  // Native Debian ffmpeg, the same arguments, as many single-threaded processes as there were workers.
  const nativeCpuBefore = childCpuSeconds();
  const nativeStart = performance.now();
  const clips = plans.map((plan) => join(OUT, `native-clip${plan.index}.mp4`));
  await nativeLanes(
    plans.map((plan, i) => clipArgs(plan, input(images[i] as string), clips[i] as string)),
    workers,
  );
  const nativeRenderMs = performance.now() - nativeStart;
  writeFileSync(join(OUT, 'native-clips.txt'), concatList(clips));
  const info = { codec: 'aac', copyable: true, sampleRate: 22050, channels: 1, duration: DURATION, container: 'mp4' };
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    ...assembleArgs(join(OUT, 'native-clips.txt'), input('narration.m4a'), info, join(OUT, 'native.mp4')),
  ]);
  const nativeMs = performance.now() - nativeStart;
  const nativeCpu = childCpuSeconds() - nativeCpuBefore;

  // The app's default in Chromium: WebCodecs clips, the same pool size, the whole job to the final MP4.
  await harness.page.evaluate((n) => window.vf.reset(n, 'webcodecs'), workers);
  const webStopWatch = watchPeakRssMb();
  const webCpuBefore = childCpuSeconds();
  const webStarted = performance.now();
  const web = await harness.page.evaluate((s) => window.vf.video(s, false), spec);
  const webWallMs = performance.now() - webStarted;
  const webPeakMb = webStopWatch();
  const webCpu = childCpuSeconds() - webCpuBefore;
  const webFile = join(OUT, 'webcodecs.mp4');
  writeFileSync(webFile, Buffer.from(await harness.page.evaluate(() => window.vf.final()), 'base64'));
  const webProbe = await ffprobe(webFile, true);
  const webVideo = webProbe.streams.find((s) => s.codec_type === 'video');
  const webFellBack = web.engines.filter((used) => used !== 'webcodecs').length;

  // Smoothness: the dot test image through the wasm pool, with the bench's longest pan.
  const panIndex = [0, 1, 2, 3, 4, 5].find((i) => chooseMotion(i).kind === 'pan-left') as number;
  const dotPlan = planMotion({ index: panIndex, start: 0, end: 6 }, 'youtube');
  const dot = await harness.page.evaluate((p) => window.vf.clips(['/in/dot.png'], [p]), dotPlan);
  const dotFile = join(OUT, 'dot-wasm.mp4');
  writeFileSync(dotFile, Buffer.from(dot.clips[0] as string, 'base64'));
  await run('ffmpeg', ['-v', 'error', '-y', ...clipArgs(dotPlan, input('dot.png'), join(OUT, 'dot-native.mp4'))]);
  const webDot = await harness.page.evaluate(async (p) => {
    window.vf.reset(1, 'webcodecs');
    return window.vf.clips(['/in/dot.png'], [p]);
  }, dotPlan);
  writeFileSync(join(OUT, 'dot-webcodecs.mp4'), Buffer.from(webDot.clips[0] as string, 'base64'));

  // Quality: both finals against a lossless render of the same plans, and x264 (ffmpeg.wasm's settings)
  // at the WebCodecs file's size, so the two encoders are compared at equal size too.
  const quality = await qualityRows(
    plans,
    images.map((name) => input(name)),
    { wasm: finalFile, webcodecs: webFile },
  );

  // The same clips again with word-by-word captions burned in (the app's default for 9:16 and 1:1).
  const speech = Number((await ffprobe(input('speech.wav'))).format.duration);
  const captioned = captionedPlans(plans, evenlySpoken(NARRATION, speech));
  const captionCpuBefore = childCpuSeconds();
  const withCaptions = await harness.page.evaluate(
    async ([i, p, n]) => {
      window.vf.reset(n, 'ffmpeg');
      return window.vf.clips(i, p, false);
    },
    [spec.images, captioned, workers] as const,
  );
  const captionCpu = childCpuSeconds() - captionCpuBefore;

  // The app's own pool, both clip engines side by side, with 1 and 2 workers: how the render scales.
  const poolRuns: [string, string][] = [];
  const poolMs = new Map<string, number>();
  for (const choice of ['ffmpeg', 'webcodecs'] as const) {
    for (const lanes of [1, 2]) {
      const cpuBefore = childCpuSeconds();
      const result = await harness.page.evaluate(
        async ([i, p, l, c]) => {
          window.vf.reset(l, c);
          return window.vf.clips(i, p, false);
        },
        [spec.images, plans, lanes, choice] as const,
      );
      const cpu = childCpuSeconds() - cpuBefore;
      poolMs.set(`${choice}-${lanes}`, result.renderMs);
      poolRuns.push([
        `app pool, ${choice === 'ffmpeg' ? 'ffmpeg.wasm' : 'WebCodecs'} clips, ${lanes} worker${lanes > 1 ? 's' : ''}`,
        `${seconds(result.renderMs)} wall (${((frames / result.renderMs) * 1000).toFixed(1)} fps), ${(frames / cpu).toFixed(1)} fps per CPU-s`,
      ]);
    }
  }
  // The captioned clips with WebCodecs (canvas-drawn captions), beside its run without them (2 workers).
  const webCaptionCpuBefore = childCpuSeconds();
  const webCaptioned = await harness.page.evaluate(
    async ([i, p]) => {
      window.vf.reset(2, 'webcodecs');
      return window.vf.clips(i, p, false);
    },
    [spec.images, captioned] as const,
  );
  const webCaptionCpu = childCpuSeconds() - webCaptionCpuBefore;
  const webPlainMs = poolMs.get('webcodecs-2') as number;
  const fellBack = webCaptioned.engines.filter((used) => used !== 'webcodecs').length;
  poolRuns.push([
    'app pool, WebCodecs clips with word-by-word captions, 2 workers (vs without)',
    `${seconds(webCaptioned.renderMs)} wall, ${(webCaptioned.renderMs / webPlainMs - 1) * 100 >= 0 ? '+' : ''}${((webCaptioned.renderMs / webPlainMs - 1) * 100).toFixed(1)} %; ${webCaptionCpu.toFixed(0)} CPU-s${fellBack ? `; ${fellBack} clips fell back to ffmpeg.wasm` : ''}`,
  ]);
  await harness.page.evaluate(() => window.vf.reset(undefined, 'ffmpeg'));

  const perWorkerFps = frames / (wasm.renderMs / 1000) / workers;
  const nativeFps = frames / (nativeRenderMs / 1000) / workers;
  const rows: [string, string][] = [
    ['video', `${DURATION} s, ${plans.length} scenes, 1920x1080 @ 30 fps, ${frames} frames (planned ${DURATION * 30})`],
    [
      'machine',
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
    ],
    ['ffmpeg.wasm workers', String(workers)],
    ['ffmpeg.wasm per-worker speed (wall)', `${perWorkerFps.toFixed(1)} fps`],
    [
      'ffmpeg.wasm speed per CPU-second of Chromium',
      `${(frames / wasmCpu).toFixed(1)} fps (${wasmCpu.toFixed(0)} CPU-s)`,
    ],
    ['ffmpeg.wasm clips (wall)', seconds(wasm.renderMs)],
    ['ffmpeg.wasm concat + mux', seconds(wasm.assembleMs)],
    [
      'ffmpeg.wasm clips with word-by-word captions (wall; CPU of clips + mux without)',
      `${seconds(withCaptions.renderMs)}, ${(withCaptions.renderMs / wasm.renderMs - 1) * 100 >= 0 ? '+' : ''}${((withCaptions.renderMs / wasm.renderMs - 1) * 100).toFixed(1)} % wall; ${captionCpu.toFixed(0)} CPU-s vs ${wasmCpu.toFixed(0)}`,
    ],
    ['ffmpeg.wasm total wall', `${seconds(wallMs)} (${(wallMs / 1000 / DURATION).toFixed(2)} × the audio)`],
    ['peak memory (Chromium processes, RSS summed)', `${peakMb.toFixed(0)} MB`],
    ['native ffmpeg, same arguments, same lanes', `${seconds(nativeMs)} (${nativeFps.toFixed(1)} fps per process)`],
    ['native speed per CPU-second', `${(frames / nativeCpu).toFixed(1)} fps (${nativeCpu.toFixed(0)} CPU-s)`],
    ['ratio wasm / native (total wall; CPU)', `${(wallMs / nativeMs).toFixed(2)}; ${(wasmCpu / nativeCpu).toFixed(2)}`],
    [
      'WebCodecs (app default in Chromium) total wall, same workers',
      `${seconds(webWallMs)} (${(webWallMs / 1000 / DURATION).toFixed(2)} × the audio): clips ${seconds(web.renderMs)}, concat + mux ${seconds(web.assembleMs)}${webFellBack ? `; ${webFellBack} clips fell back to ffmpeg.wasm` : ''}`,
    ],
    [
      'WebCodecs speed per CPU-second; peak memory',
      `${(frames / webCpu).toFixed(1)} fps (${webCpu.toFixed(0)} CPU-s); ${webPeakMb.toFixed(0)} MB`,
    ],
    [
      'WebCodecs stream',
      `${webVideo?.codec_name} ${webVideo?.profile}, ${webVideo?.pix_fmt}, ${webVideo?.color_space ?? '?'}/${webVideo?.color_range ?? '?'}, ${webVideo?.nb_read_frames} frames`,
    ],
    ...quality,
    ...poolRuns,
    [
      'final size (ffmpeg.wasm / WebCodecs)',
      `${(Number(probe.format.size) / 1e6).toFixed(1)} / ${(Number(webProbe.format.size) / 1e6).toFixed(1)} MB`,
    ],
    [
      'jitter_rms_px, dot.png pan 6 s (wasm / native / WebCodecs)',
      `${await jitter(dotFile)} / ${await jitter(join(OUT, 'dot-native.mp4'))} / ${await jitter(join(OUT, 'dot-webcodecs.mp4'))}`,
    ],
  ];
  console.log(`Render benchmark, ${new Date().toISOString().slice(0, 16)} UTC\n`);
  console.log('| measure | result |\n|---|---|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  writeFileSync(join(OUT, 'result.json'), JSON.stringify({ rows, progressEvents: wasm.progress.length }, null, 2));
  for (const count of [frames, Number(webVideo?.nb_read_frames)]) {
    if (count !== DURATION * 30) throw new Error(`expected ${DURATION * 30} frames, got ${count}`);
  }
} finally {
  await harness.close();
}
