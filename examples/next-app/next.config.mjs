/** @type {import("next").NextConfig} */
const nextConfig = {
  // The renderer loads fonts, a native rasterizer and worker files from node_modules at runtime:
  // keep it out of the server bundle. In an app that installed @ogkit/server, this is all it takes.
  serverExternalPackages: ["@ogkit/server"],
  // Only because this example lives in the ogkit monorepo: its @ogkit packages are symlinked
  // workspaces, which Next bundles in spite of serverExternalPackages (vercel/next.js#84388). So it
  // builds with webpack (`next build --webpack`) and names the external itself.
  webpack(config, { isServer }) {
    if (isServer) config.externals.push({ "@ogkit/server": "import @ogkit/server" });
    return config;
  },
};

export default nextConfig;
