import { ogMetadata } from "@ogkit/next";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPost, posts } from "../../../lib/posts";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return posts.map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = getPost((await params).slug);
  if (!post) notFound();
  return {
    title: post.title,
    description: post.excerpt,
    ...ogMetadata({
      title: post.title,
      subtitle: `By ${post.author} | ${post.date}`,
      theme: "dark",
      pattern: "circuit",
      icon: "file-text",
    }),
  };
}

export default async function PostPage({ params }: Props) {
  const post = getPost((await params).slug);
  if (!post) notFound();
  return (
    <article>
      <h1>{post.title}</h1>
      <p>
        By {post.author} on {post.date}
      </p>
      <p>{post.excerpt}</p>
    </article>
  );
}
