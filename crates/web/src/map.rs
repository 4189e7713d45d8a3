//! The offline world map: Natural Earth's land at 1:110m (shipped as TopoJSON, see
//! `assets/README.md`) drawn as SVG in the equirectangular projection, one x unit a degree of
//! longitude and one y unit a degree of latitude southwards. The land is one cached file,
//! [`land_svg`], served at [`LAND_PATH`]; each page draws its places as linked dots over it.
//! No tile server and no JavaScript.

use std::fmt::Write;
use std::sync::OnceLock;

use maud::{Markup, html};
use serde::Deserialize;

/// Where [`land_svg`] is served.
pub const LAND_PATH: &str = "/map/land.svg";

const LAND_TOPOJSON: &str = include_str!("../assets/land-110m.json");

/// The part of the world drawn: Antarctica and the far north left out, as news rarely goes
/// there and they take a third of the height.
const NORTH: f64 = 84.0;
const SOUTH: f64 = -60.0;

/// A place marked on a map.
pub struct Pin<'a> {
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
    /// Where the dot leads: the place's page.
    pub link: String,
    /// How much the page talks about it (articles, mentions): the dot's size grows with it.
    pub weight: u64,
}

/// The map with `pins` on it, or nothing when none of them has usable coordinates.
pub fn world(pins: &[Pin<'_>], label: &str) -> Markup {
    let shown: Vec<&Pin<'_>> = pins
        .iter()
        .filter(|p| p.lat.is_finite() && p.lon.is_finite() && (SOUTH..=NORTH).contains(&p.lat))
        .filter(|p| (-180.0..=180.0).contains(&p.lon))
        .collect();
    let heaviest = shown.iter().map(|p| p.weight).max().unwrap_or(1).max(1) as f64;
    let view = format!("-180 {} 360 {}", -NORTH, NORTH - SOUTH);
    html! {
        @if !shown.is_empty() {
            figure.map {
                svg xmlns="http://www.w3.org/2000/svg" viewBox=(view) role="img" aria-label=(label) {
                    image href=(LAND_PATH) x="-180" y="-90" width="360" height="180" {}
                    // The lightest drawn first, so that the heaviest dots stay on top.
                    @for pin in ordered(&shown) {
                        a href=(pin.link) {
                            circle.pin cx=(round(pin.lon)) cy=(round(-pin.lat))
                                r=(round(1.5 + 3.0 * (pin.weight as f64 / heaviest).sqrt())) {
                                title { (pin.name) }
                            }
                        }
                    }
                }
                figcaption {
                    @for (i, pin) in ordered(&shown).into_iter().rev().enumerate() {
                        @if i > 0 { ", " }
                        a href=(pin.link) { (pin.name) }
                    }
                }
            }
        }
    }
}

fn ordered<'p, 'a>(pins: &[&'p Pin<'a>]) -> Vec<&'p Pin<'a>> {
    let mut ordered = pins.to_vec();
    ordered.sort_by_key(|p| p.weight);
    ordered
}

fn round(value: f64) -> String {
    format!("{:.2}", value)
}

/// The land as a standalone SVG document covering the whole globe (viewBox -180 -90 360 180),
/// built once from the shipped TopoJSON.
pub fn land_svg() -> &'static str {
    static SVG: OnceLock<String> = OnceLock::new();
    SVG.get_or_init(|| {
        // The shipped file is known good; a broken one (a bad edit) draws an empty sea.
        let path = land_path(LAND_TOPOJSON).unwrap_or_default();
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-180 -90 360 180\" width=\"360\" height=\"180\">\
             <path fill=\"#cfd8cf\" stroke=\"#8a9a8a\" stroke-width=\"0.15\" d=\"{path}\"/></svg>"
        )
    })
}

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    land: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

/// Polygons as rings of arc indices (`!i`, a negative index, is arc `i` reversed).
#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon { arcs: Vec<Vec<i64>> },
    MultiPolygon { arcs: Vec<Vec<Vec<i64>>> },
}

/// SVG path data for the land of a TopoJSON topology, longitude as x and latitude southwards
/// as y; `None` when the text is not such a topology.
fn land_path(topojson: &str) -> Option<String> {
    let topology: Topology = serde_json::from_str(topojson).ok()?;
    // Arcs are delta-encoded, quantised positions: decoded once into degrees.
    let arcs: Vec<Vec<(f64, f64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    let t = &topology.transform;
                    (x as f64 * t.scale[0] + t.translate[0], y as f64 * t.scale[1] + t.translate[1])
                })
                .collect()
        })
        .collect();
    let mut path = String::new();
    let rings = topology.objects.land.geometries.iter().flat_map(|g| match g {
        Geometry::Polygon { arcs } => arcs.iter().collect::<Vec<_>>(),
        Geometry::MultiPolygon { arcs } => arcs.iter().flatten().collect(),
    });
    for ring in rings {
        let mut previous: Option<f64> = None;
        for &index in ring {
            let (arc, reversed) = match index {
                i if i >= 0 => (arcs.get(i as usize)?, false),
                i => (arcs.get(!i as usize)?, true),
            };
            let points: Box<dyn Iterator<Item = &(f64, f64)>> =
                if reversed { Box::new(arc.iter().rev()) } else { Box::new(arc.iter()) };
            for &(lon, lat) in points {
                // A ring that crosses the antimeridian (Eurasia, Fiji) steps from 180 to -180:
                // drawn as a line, that step would cross the whole map, so the pen lifts.
                let command = match previous {
                    Some(last) if (lon - last).abs() <= 180.0 => 'L',
                    _ => 'M',
                };
                previous = Some(lon);
                let _ = write!(path, "{command}{lon:.2} {:.2}", -lat);
            }
        }
        path.push('Z');
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_land_draws_every_ring_inside_the_globe() {
        let path = land_path(LAND_TOPOJSON).expect("the shipped TopoJSON reads");
        assert!(path.matches('Z').count() >= 100, "the land's rings");
        let numbers: Vec<f64> = path
            .split(['M', 'L', 'Z', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("a number"))
            .collect();
        assert!(numbers.len() > 5_000);
        for pair in numbers.chunks(2) {
            assert!((-180.0..=180.0).contains(&pair[0]) && (-90.0..=90.0).contains(&pair[1]), "{pair:?}");
        }
        assert!(land_svg().starts_with("<svg") && land_svg().contains(&path[..50]));
    }

    #[test]
    fn no_line_crosses_the_whole_map() {
        let path = land_path(LAND_TOPOJSON).expect("the shipped TopoJSON reads");
        // Only the L steps are lines; each M starts afresh.
        let mut pen: Option<f64> = None;
        let mut rest = path.as_str();
        while let Some(at) = rest.find(['M', 'L']) {
            let command = rest.as_bytes()[at];
            rest = &rest[at + 1..];
            let end = rest.find(['M', 'L', 'Z']).unwrap_or(rest.len());
            let lon: f64 = rest[..end].split(' ').next().and_then(|x| x.parse().ok()).expect("a longitude");
            if command == b'L' {
                let from = pen.expect("a line starts where the pen is");
                assert!((lon - from).abs() <= 180.0, "a line from {from} to {lon}");
            }
            pen = Some(lon);
        }
    }

    #[test]
    fn a_decoded_arc_follows_its_deltas_and_reverses() {
        let topojson = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[10,20]},
            "arcs":[[[0,0],[5,0],[0,5]]],
            "objects":{"land":{"type":"GeometryCollection","geometries":[
                {"type":"Polygon","arcs":[[0]]},{"type":"MultiPolygon","arcs":[[[-1]]]}]}}}"#;
        assert_eq!(
            land_path(topojson).expect("path"),
            "M10.00 -20.00L15.00 -20.00L15.00 -25.00ZM15.00 -25.00L15.00 -20.00L10.00 -20.00Z"
        );
        assert_eq!(land_path("{\"type\":\"Topology\"}"), None);
        let broken = topojson.replace("\"arcs\":[[0]]", "\"arcs\":[[7]]");
        assert_eq!(land_path(&broken), None, "an arc that does not exist");
    }

    #[test]
    fn pins_are_placed_by_longitude_and_latitude_and_odd_ones_left_out() {
        let pin = |name: &'static str, lat: f64, lon: f64, weight: u64| Pin {
            name,
            lat,
            lon,
            link: format!("/entities/{name}"),
            weight,
        };
        let pins =
            [pin("Minsk", 53.9, 27.57, 4), pin("Kyiv", 50.45, 30.52, 1), pin("Nowhere", f64::NAN, 0.0, 9)];
        let svg = world(&pins, "Places").into_string();
        assert!(svg.contains(r#"cx="27.57" cy="-53.90""#), "{svg}");
        assert!(svg.contains(r#"cx="30.52" cy="-50.45""#));
        assert!(!svg.contains("Nowhere"));
        assert!(svg.find("Kyiv") < svg.find("Minsk"), "the lighter dot first");
        assert!(svg.contains(&format!(r#"href="{LAND_PATH}""#)));
        assert_eq!(world(&[pin("Pole", -89.0, 0.0, 1)], "Places").into_string(), "", "nothing to show");
    }
}
