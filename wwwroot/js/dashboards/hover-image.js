// Plotly's hover label is text only: this module shows the hovered point's image (its customdata, a same-origin URL)
// beside the cursor, and hides it when the cursor leaves the point. No inline styles in markup (the CSP forbids
// them); positions are set through the CSSOM, which the CSP allows.

export function attach(id) {
  const started = Date.now();
  const tryAttach = () => {
    const plot = document.getElementById(id);
    // Plotly.Blazor draws after this component's render: wait (briefly) until the plot has Plotly's event API.
    if (!plot || typeof plot.on !== "function") {
      if (Date.now() - started < 30000) setTimeout(tryAttach, 100);
      return;
    }
    if (plot.dataset.hoverImage === "on") return;
    plot.dataset.hoverImage = "on";
    const image = document.createElement("img");
    image.className = "dashboard-hover-image";
    image.setAttribute("data-testid", id + "-hover-image");
    image.alt = "";
    image.hidden = true;
    plot.appendChild(image);
    plot.on("plotly_hover", (e) => {
      const point = e.points && e.points[0];
      if (!point || typeof point.customdata !== "string") return;
      image.src = point.customdata;
      image.alt = typeof point.hovertext === "string" ? point.hovertext : "";
      const cursor = e.event;
      if (cursor && typeof cursor.clientX === "number") {
        // Beside the cursor, flipped to its left/top near the window's right/bottom edge.
        const size = 176;
        image.style.left = (cursor.clientX + size + 16 > window.innerWidth ? cursor.clientX - size : cursor.clientX + 16) + "px";
        image.style.top = (cursor.clientY + size + 16 > window.innerHeight ? cursor.clientY - size : cursor.clientY + 16) + "px";
      }
      image.hidden = false;
    });
    plot.on("plotly_unhover", () => { image.hidden = true; });
  };
  tryAttach();
}
