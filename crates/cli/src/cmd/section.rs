//! `newsgraph section add|list|remove`: the sections of the front page.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use newsgraph_model::EntityId;
use newsgraph_pipeline::Engine;
use newsgraph_store::{EntityFilter, Page, Section, SectionRule, slug_of, valid_slug};
use serde_json::json;

use crate::cli::{SectionAddArgs, SectionCommand};

pub fn run(data: &Path, command: &SectionCommand) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(data)?;
    match command {
        SectionCommand::Add(args) => add(&engine, args),
        SectionCommand::List(flag) => list(&engine, flag.json),
        SectionCommand::Remove(args) => match engine.store.remove_section(&args.slug)? {
            true => {
                println!("removed section {}", args.slug);
                Ok(ExitCode::SUCCESS)
            }
            false => bail!("there is no section {:?} (see `newsgraph section list`)", args.slug),
        },
    }
}

fn add(engine: &Engine, args: &SectionAddArgs) -> anyhow::Result<ExitCode> {
    let slug = match &args.slug {
        Some(slug) if valid_slug(slug) => slug.clone(),
        Some(slug) => bail!("{slug:?} is not a slug: 1 to 64 lower-case letters, digits and inner hyphens"),
        None => slug_of(&args.name)
            .with_context(|| format!("no slug can be made of {:?}: give one with --slug", args.name))?,
    };
    let text = args.query.clone().unwrap_or_default();
    let entities = args.entities.iter().map(|e| entity(engine, e)).collect::<anyhow::Result<Vec<_>>>()?;
    if text.trim().is_empty() && entities.is_empty() {
        bail!("a section needs --query words or --entity names (or both)");
    }
    let sections = engine.store.sections()?;
    let position = match args.position {
        Some(position) => position,
        None => sections.iter().filter(|s| s.slug != slug).map(|s| s.position + 1).max().unwrap_or(0),
    };
    let section = Section {
        slug,
        name: args.name.trim().to_owned(),
        position,
        rule: SectionRule::Query { text, entities },
    };
    engine.store.save_section(&section)?;
    println!("section {} ({}) at /sections/{}", section.name, describe(&section.rule), section.slug);
    Ok(ExitCode::SUCCESS)
}

/// An entity by id, or by name: the most mentioned entity whose name (or alias) is that name.
fn entity(engine: &Engine, given: &str) -> anyhow::Result<EntityId> {
    if let Ok(id) = given.trim().parse::<i64>() {
        return match engine.store.entity(EntityId(id))? {
            Some(_) => Ok(EntityId(id)),
            None => bail!("there is no entity {id}"),
        };
    }
    let filter = EntityFilter { kind: None, query: Some(given.trim().to_owned()) };
    let found = engine.store.entities(&filter, Page { offset: 0, limit: 50 })?;
    let same = |name: &str| name.eq_ignore_ascii_case(given.trim());
    found
        .iter()
        .find(|e| same(&e.entity.name) || e.entity.aliases.iter().any(|a| same(a)))
        .map(|e| e.entity.id)
        .with_context(|| {
            let near: Vec<&str> = found.iter().take(5).map(|e| e.entity.name.as_str()).collect();
            match near.is_empty() {
                true => format!("no entity is named {given:?}"),
                false => format!("no entity is named {given:?}; near: {}", near.join(", ")),
            }
        })
}

fn describe(rule: &SectionRule) -> String {
    match rule {
        SectionRule::Latest => "every story".into(),
        SectionRule::Breaking { hours } => format!("the stories growing fastest over {hours} hours"),
        SectionRule::Query { text, entities } => {
            let ids: Vec<String> = entities.iter().map(|e| e.0.to_string()).collect();
            match (text.trim().is_empty(), ids.is_empty()) {
                (false, true) => format!("stories matching {text}"),
                (true, _) => format!("stories naming entities {}", ids.join(", ")),
                (false, false) => format!("stories matching {text} naming entities {}", ids.join(", ")),
            }
        }
    }
}

fn list(engine: &Engine, as_json: bool) -> anyhow::Result<ExitCode> {
    for section in engine.store.sections()? {
        if as_json {
            let row = json!({"slug": section.slug, "name": section.name, "position": section.position, "rule": section.rule});
            println!("{row}");
        } else {
            println!("{}\t{}\t{}\t{}", section.position, section.slug, section.name, describe(&section.rule));
        }
    }
    Ok(ExitCode::SUCCESS)
}
