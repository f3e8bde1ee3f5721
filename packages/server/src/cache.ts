import { LRUCache } from "lru-cache";

/** A rendered card as the cache keeps it. */
export interface CachedImage {
  body: Uint8Array;
  contentType: string;
  etag: string;
  headers: Record<string, string>;
}

export interface RenderCacheOptions {
  /** Upper bound of the cache in bytes (bodies plus keys); 0 disables caching. */
  maxBytes: number;
}

export interface CacheLookup {
  image: CachedImage;
  /** "hit": served from the cache; "miss": rendered for this request (or joined a render in flight). */
  status: "hit" | "miss";
}

// Bookkeeping per entry beyond the body and key: the headers and the LRU's own nodes.
const ENTRY_OVERHEAD = 512;

/**
 * The image cache: an LRU bounded in bytes, plus the renders in flight, so identical concurrent
 * requests render once. Keys are canonical queries, never raw client input. A failed render is
 * never stored: its promise leaves the in-flight map and the next request tries again.
 */
export class RenderCache {
  readonly #lru: LRUCache<string, CachedImage> | undefined;
  readonly #inFlight = new Map<string, Promise<CachedImage>>();

  constructor(options: RenderCacheOptions) {
    if (options.maxBytes > 0) {
      this.#lru = new LRUCache<string, CachedImage>({
        maxSize: options.maxBytes,
        sizeCalculation: (image, key) => image.body.byteLength + key.length * 2 + ENTRY_OVERHEAD,
      });
    }
  }

  get(key: string): CachedImage | undefined {
    return this.#lru?.get(key);
  }

  /** The cached image, the render in flight for the same key, or a new render. */
  async getOrRender(key: string, render: () => Promise<CachedImage>): Promise<CacheLookup> {
    const cached = this.#lru?.get(key);
    if (cached) return { image: cached, status: "hit" };
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = render().then(
        (image) => {
          this.#inFlight.delete(key);
          // An image larger than the whole cache is not stored (lru-cache refuses it silently).
          this.#lru?.set(key, image);
          return image;
        },
        (error: unknown) => {
          this.#inFlight.delete(key);
          throw error;
        },
      );
      this.#inFlight.set(key, pending);
    }
    return { image: await pending, status: "miss" };
  }

  /** Whether a render of this key is in flight (a request for it would wait for that render). */
  rendering(key: string): boolean {
    return this.#inFlight.has(key);
  }

  get size(): number {
    return this.#lru?.size ?? 0;
  }

  get bytes(): number {
    return this.#lru?.calculatedSize ?? 0;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  clear(): void {
    this.#lru?.clear();
  }
}
