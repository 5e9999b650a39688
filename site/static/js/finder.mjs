// Safe Places finder enhancements. The finder works fully without this file:
//  - "Use my location" asks the browser for a position and submits the search form with it
//    (POST: the position never appears in a URL; the session keeps it, rounded to about
//    10 metres, for an hour at most so Back to the results works, until "Clear search");
//  - "Show map" loads Leaflet (served from our own site) and shows the listed places on a
//    map, from the JSON data island the page already contains.

const LOCATION_ERRORS = {
  1: "Your location was not shared. Enter a postcode or place name instead.",
  2: "We could not find your location. Enter a postcode or place name instead.",
  3: "Finding your location took too long. Try again, or enter a postcode or place name.",
};

function setupLocation(form) {
  const group = form.querySelector("[data-finder-location]");
  const button = form.querySelector("[data-finder-locate]");
  const status = form.querySelector("[data-finder-location-status]");
  if (!group || !button || !status || !("geolocation" in navigator)) return;
  group.hidden = false;

  const fail = (message) => {
    button.disabled = false;
    status.classList.add("govuk-error-message");
    status.textContent = message;
  };

  button.addEventListener("click", () => {
    button.disabled = true;
    status.classList.remove("govuk-error-message");
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude } = position.coords;
        // About 10 metres is plenty to find the nearest places.
        form.querySelector("[data-finder-latitude]").value = latitude.toFixed(4);
        form.querySelector("[data-finder-longitude]").value = longitude.toFixed(4);
        form.querySelector("[data-finder-source]").value = "location";
        status.textContent = "Searching near your location…";
        if (typeof form.requestSubmit === "function") form.requestSubmit();
        else form.submit();
      },
      (error) => fail(LOCATION_ERRORS[error.code] || LOCATION_ERRORS[2]),
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 60000 },
    );
  });
}

function loadStylesheet(href) {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector(`link[data-leaflet-css]`);
    if (existing) {
      resolve();
      return;
    }
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.dataset.leafletCss = "";
    link.addEventListener("load", () => resolve());
    link.addEventListener("error", () => reject(new Error("stylesheet")));
    document.head.append(link);
  });
}

function escapeHtml(text) {
  const div = document.createElement("div");
  div.textContent = text;
  return div.innerHTML;
}

function popupFor(point) {
  // Built as elements, never HTML strings: names are typed by venues.
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = point.url;
  link.textContent = point.name;
  return link;
}

async function drawMap(toggle, container, points) {
  await loadStylesheet(toggle.dataset.leafletCss);
  // leaflet.js is a UMD bundle: imported as a module it defines window.L.
  await import(toggle.dataset.leafletJs);
  const L = window.L;

  container.hidden = false;
  container.style.height = "24rem";
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", toggle.dataset.mapLabel || "Map");

  const map = L.map(container, { scrollWheelZoom: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  let attribution = escapeHtml(toggle.dataset.tileAttribution || "");
  if (/openstreetmap/i.test(attribution)) {
    attribution = `<a href="https://www.openstreetmap.org/copyright">${attribution}</a>`;
  }
  L.tileLayer(toggle.dataset.tileUrl, { attribution, maxZoom: 19 }).addTo(map);

  const icon = L.icon({
    iconUrl: toggle.dataset.markerIcon,
    iconRetinaUrl: toggle.dataset.markerIcon2x,
    shadowUrl: toggle.dataset.markerShadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    tooltipAnchor: [16, -28],
    shadowSize: [41, 41],
  });
  const latLngs = [];
  for (const point of points) {
    const latLng = [point.lat, point.lng];
    latLngs.push(latLng);
    L.marker(latLng, { icon, title: point.name, alt: point.name })
      .bindPopup(popupFor(point))
      .addTo(map);
  }
  if (latLngs.length === 1) map.setView(latLngs[0], 16);
  else map.fitBounds(latLngs, { padding: [30, 30], maxZoom: 16 });
  return map;
}

function setupMap() {
  const toggle = document.querySelector("[data-finder-map-toggle]");
  const island = document.getElementById("finder-results");
  if (!toggle || !island) return;
  const container = document.getElementById(toggle.getAttribute("aria-controls"));
  let points;
  try {
    points = JSON.parse(island.textContent);
  } catch {
    return;
  }
  const wrapper = toggle.closest("[data-finder-map]");
  if (!container || !wrapper || !Array.isArray(points) || points.length === 0) return;
  wrapper.hidden = false;

  let map = null;
  toggle.addEventListener("click", async () => {
    if (map) {
      const showing = container.hidden;
      container.hidden = !showing;
      toggle.textContent = showing ? "Hide map" : "Show map";
      toggle.setAttribute("aria-expanded", String(showing));
      if (showing) map.invalidateSize();
      return;
    }
    toggle.disabled = true;
    toggle.textContent = "Loading map…";
    try {
      map = await drawMap(toggle, container, points);
      toggle.textContent = "Hide map";
      toggle.setAttribute("aria-expanded", "true");
    } catch {
      container.hidden = true;
      toggle.textContent = "Show map";
      toggle.after(
        Object.assign(document.createElement("p"), {
          className: "govuk-body",
          textContent: "The map could not be loaded.",
        }),
      );
      toggle.remove();
    } finally {
      toggle.disabled = false;
    }
  });
}

const form = document.querySelector("[data-finder-form]");
if (form) setupLocation(form);
setupMap();
