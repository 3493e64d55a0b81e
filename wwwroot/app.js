// Dark mode is a per-browser preference, kept in local storage.
window.mirrorTower = {
    isDarkMode: () => {
        const stored = localStorage.getItem("mirrortower-dark");
        return stored === null ? window.matchMedia("(prefers-color-scheme: dark)").matches : stored === "true";
    },
    setDarkMode: (dark) => localStorage.setItem("mirrortower-dark", String(dark)),
};
