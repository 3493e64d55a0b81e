// Dark mode is a per-browser preference, kept in local storage.
window.mirrorTower = {
    isDarkMode: () => {
        const stored = localStorage.getItem("mirrortower-dark");
        return stored === null ? window.matchMedia("(prefers-color-scheme: dark)").matches : stored === "true";
    },
    setDarkMode: (dark) => localStorage.setItem("mirrortower-dark", String(dark)),
    // Brings a result into the middle of the window once it is rendered (the page asks after the render).
    reveal: (selector) => document.querySelector(selector)?.scrollIntoView({ block: "center" }),
};

// "Skip to content" moves the focus past the navigation. Handled before Blazor's link interception (capture phase):
// with <base href="/">, the link's #main-content would otherwise navigate to the home page.
document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(".skip-link") : null;
    if (link) {
        event.preventDefault();
        event.stopPropagation();
        document.getElementById("main-content")?.focus();
    }
}, true);
