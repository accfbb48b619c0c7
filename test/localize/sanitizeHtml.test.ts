import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../../src/localize/sanitizeHtml.js";
import { descriptionPolicy } from "../../src/localize/shaping.js";

const daraz = descriptionPolicy("daraz");
const alibaba = descriptionPolicy("alibaba");
const jd = descriptionPolicy("jd");

describe("sanitizeHtml", () => {
  it("keeps what Daraz allows and drops scripts, styles and event handlers", () => {
    const r = sanitizeHtml(
      '<p onclick="steal()" style="color:red">Hand <b>made</b></p><script>alert(1)</script><style>p{}</style><ul><li>32 panels</li></ul>',
      daraz,
    );
    expect(r.html).toBe("<p>Hand <b>made</b></p><ul><li>32 panels</li></ul>");
    expect(r.removedElements.sort()).toEqual(["script", "style"]);
    expect(r.removedAttributes).toContain("onclick");
  });

  it("keeps marketplace-hosted images and drops others and javascript: URLs", () => {
    const r = sanitizeHtml(
      '<p><img src="https://static-01.daraz.pk/p/a.jpg" alt="ball" onerror="x()"><img src="https://evil.example.com/t.gif"><img src="javascript:alert(1)"></p>',
      daraz,
    );
    expect(r.html).toBe('<p><img src="https://static-01.daraz.pk/p/a.jpg" alt="ball"></p>');
    expect(r.droppedImages).toEqual(["https://evil.example.com/t.gif", "javascript:alert(1)"]);
  });

  it("unwraps links to other sites, keeping their text", () => {
    const r = sanitizeHtml('<p>See <a href="https://other-shop.example.com">our shop</a>.</p>', daraz);
    expect(r.html).toBe("<p>See our shop.</p>");
    expect(r.removedLinks).toBe(1);
  });

  it("maps to the channel's vocabulary: Alibaba has strong, ul and tables but no em, ol or images", () => {
    const r = sanitizeHtml(
      '<h1>Title</h1><div>Intro <em>soft</em> <b>bold</b></div><ol><li>one</li></ol><table><tr><th>Size</th><td>5</td></tr></table><img src="https://sc01.alicdn.com/a.jpg">',
      alibaba,
    );
    expect(r.html).toBe(
      "<p>Title</p><p>Intro soft <strong>bold</strong></p><ul><li>one</li></ul><table><tr><th>Size</th><td>5</td></tr></table>",
    );
  });

  it("JD keeps tables and its own CDN images", () => {
    const r = sanitizeHtml(
      '<table><tr><td colspan="2" onmouseover="x">a</td></tr></table><img src="https://img10.360buyimg.com/a.jpg" width="800">',
      jd,
    );
    expect(r.html).toBe(
      '<table><tr><td colspan="2">a</td></tr></table><img src="https://img10.360buyimg.com/a.jpg" width="800">',
    );
  });

  it("closes what is left open, drops stray end tags and comments, escapes text", () => {
    const r = sanitizeHtml("<p>a < b & c <!-- secret --><ul><li>x<li>y</p></ul></div>", daraz);
    expect(r.html).toBe("<p>a &lt; b &amp; c </p><ul><li>x</li><li>y</li></ul>");
  });

  it("is not fooled by markup inside attributes or raw text", () => {
    const r = sanitizeHtml(
      '<img alt="<script>x</script>" src="https://static-01.daraz.pk/a.jpg"><style>a{}</style><p>ok</p><iframe src="https://x"><p>in frame</p></iframe><textarea><p>t</p></textarea>',
      daraz,
    );
    expect(r.html).toBe('<img src="https://static-01.daraz.pk/a.jpg" alt="&lt;script&gt;x&lt;/script&gt;"><p>ok</p>');
  });

  it("drops an unterminated tag at the end rather than emitting it", () => {
    expect(sanitizeHtml('<p>ok</p><img src="x" onerror="alert(1)"', daraz).html).toBe("<p>ok</p>");
  });

  it("ignores dangerous elements a policy names", () => {
    expect(sanitizeHtml("<script>1</script><p>x</p>", { tags: ["script", "p"], imageHosts: [] }).html).toBe("<p>x</p>");
  });
});
