import { Piscina, workerData } from "piscina";
import { preloadEngine, renderCard, renderElement } from "../engine/index.js";
import { imageRenderOptions } from "../http/fetch-image.js";
import {
  faultOf,
  htmlLayoutError,
  type ImageReply,
  type RenderReply,
  type RenderTask,
  type RenderThreadData,
  runFault,
  serializeError,
} from "./task.js";

/**
 * The piscina worker: one render per call, off the main thread. Errors come back as data (an
 * OgError's code and issues do not survive structured cloning); only a dead thread rejects.
 */
const { engine } = workerData as RenderThreadData;
// A new thread (the first, or a replacement) starts loading the engine before its first task.
const engineReady = preloadEngine(engine);

export default async function renderInWorker(task: RenderTask): Promise<RenderReply> {
  await engineReady;
  if (task.kind === "warmup") return { ok: true, warm: true };
  const started = performance.now();
  try {
    if (task.kind === "card") {
      await runFault(faultOf(task.params.title, task.faults), true);
      const result = await renderCard(task.params, {
        engine,
        ...imageRenderOptions(task.imageAllowlist, task.imageFetch),
      });
      return transfer({
        ok: true,
        body: result.body,
        contentType: result.contentType,
        diagnostics: result.diagnostics,
        renderMs: performance.now() - started,
      });
    }
    await runFault(faultOf(task.title, task.faults), true);
    const result = await renderElement(task.element, {
      width: task.width,
      height: task.height,
      format: task.format,
      engine,
    });
    return transfer({
      ok: true,
      body: result.body,
      contentType: result.contentType,
      renderMs: performance.now() - started,
    });
  } catch (error) {
    return {
      ok: false,
      error: serializeError(htmlLayoutError(error, task.kind === "card" ? task.params.html : undefined)),
    };
  }
}

/**
 * Moves the image to the main thread without a copy. The body is copied once into a buffer of its
 * own first: encoders may return a view into a shared or native-owned buffer that must not be detached.
 */
function transfer(reply: ImageReply): RenderReply {
  const value: ImageReply = { ...reply, body: new Uint8Array(reply.body) };
  const movable = {
    [Piscina.transferableSymbol]: value.body.buffer,
    [Piscina.valueSymbol]: value,
  };
  return Piscina.move(movable as never) as unknown as RenderReply;
}
