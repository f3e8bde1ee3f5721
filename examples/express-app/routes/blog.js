import express from "express";
import { getPost } from "../posts.js";

const router = express.Router();

router.get("/blog/:slug", async (req, res, next) => {
  const post = await getPost(req.params.slug);
  if (!post) return next();
  res.render("blog-post", {
    post,
    pageTitle: post.title,
  });
});

export default router;
