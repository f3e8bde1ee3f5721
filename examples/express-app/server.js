import { app, images } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Blog on http://localhost:${port}/blog/build-a-rest-api`);
});

process.on("SIGTERM", () => {
  server.close(() => images.close());
});
