import Link from "next/link";
import { posts } from "../lib/posts";

export default function Home() {
  return (
    <main>
      <h1>The ogkit blog</h1>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={`/blog/${post.slug}`}>{post.title}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
