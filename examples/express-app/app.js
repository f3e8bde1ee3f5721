import { fileURLToPath } from "node:url";
import { ogImage, ogLocals } from "@ogkit/express";
import express from "express";
import blog from "./routes/blog.js";

// GET/POST /api/v1/og rendered in this app; signed URLs required when OGKIT_SECRET is set.
export const images = ogImage();

export const app = express();
app.set("view engine", "ejs");
app.set("views", fileURLToPath(new URL("./views", import.meta.url)));

app.use(images);
// res.locals.ogMeta(params) and ogUrl(params) for the templates; absolute on SITE_URL (or the request's origin).
app.use(ogLocals({ baseUrl: process.env.SITE_URL }));
app.use(blog);
