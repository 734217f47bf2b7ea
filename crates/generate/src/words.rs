//! The words of a synthetic plan: topics, countries and sentence templates
//! in English, French and Spanish, in the register of ILO documents.

use crate::Error;
use crate::rng::Rng;
use actionplan_model::{Language, Text};

/// A subject of work, named in the three languages.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Topic {
    pub(crate) en: &'static str,
    pub(crate) fr: &'static str,
    pub(crate) es: &'static str,
}

const fn t(en: &'static str, fr: &'static str, es: &'static str) -> Topic {
    Topic { en, fr, es }
}

pub(crate) const TOPICS: &[Topic] = &[
    t(
        "the enabling environment for sustainable enterprises",
        "l'environnement propice aux entreprises durables",
        "el entorno propicio para las empresas sostenibles",
    ),
    t(
        "productivity and working conditions in SMEs",
        "la productivité et les conditions de travail dans les PME",
        "la productividad y las condiciones de trabajo en las pymes",
    ),
    t(
        "the formalization of informal enterprises",
        "la formalisation des entreprises informelles",
        "la formalización de las empresas informales",
    ),
    t(
        "women's entrepreneurship development",
        "le développement de l'entrepreneuriat féminin",
        "el desarrollo del espíritu empresarial de las mujeres",
    ),
    t(
        "youth employment and entrepreneurship",
        "l'emploi et l'entrepreneuriat des jeunes",
        "el empleo y el emprendimiento juveniles",
    ),
    t(
        "access to finance for small enterprises",
        "l'accès au financement des petites entreprises",
        "el acceso a la financiación de las pequeñas empresas",
    ),
    t(
        "value chain development",
        "le développement des chaînes de valeur",
        "el desarrollo de las cadenas de valor",
    ),
    t(
        "green jobs and a just transition",
        "les emplois verts et une transition juste",
        "los empleos verdes y una transición justa",
    ),
    t(
        "cooperatives and the social and solidarity economy",
        "les coopératives et l'économie sociale et solidaire",
        "las cooperativas y la economía social y solidaria",
    ),
    t(
        "public procurement from SMEs",
        "les marchés publics ouverts aux PME",
        "la contratación pública con pymes",
    ),
    t(
        "occupational safety and health in small firms",
        "la sécurité et la santé au travail dans les petites entreprises",
        "la seguridad y salud en el trabajo en las pequeñas empresas",
    ),
    t(
        "social dialogue in small enterprises",
        "le dialogue social dans les petites entreprises",
        "el diálogo social en las pequeñas empresas",
    ),
    t(
        "skills development for entrepreneurs",
        "le développement des compétences des entrepreneurs",
        "el desarrollo de las competencias de los emprendedores",
    ),
    t(
        "business development services",
        "les services d'appui aux entreprises",
        "los servicios de desarrollo empresarial",
    ),
    t(
        "labour inspection in micro-enterprises",
        "l'inspection du travail dans les microentreprises",
        "la inspección del trabajo en las microempresas",
    ),
    t(
        "decent work in the rural economy",
        "le travail décent dans l'économie rurale",
        "el trabajo decente en la economía rural",
    ),
];

pub(crate) const COUNTRIES: &[&str] = &[
    "Kenya",
    "Viet Nam",
    "Peru",
    "Ghana",
    "Indonesia",
    "Colombia",
    "Zambia",
    "Bangladesh",
    "Morocco",
    "Senegal",
    "Cambodia",
    "Ethiopia",
    "Honduras",
    "Jordan",
    "Myanmar",
    "Nepal",
    "Paraguay",
    "Rwanda",
    "Sri Lanka",
    "Tunisia",
    "Uganda",
    "Zimbabwe",
    "Mozambique",
    "Bolivia (Plurinational State of)",
    "Côte d'Ivoire",
    "Türkiye",
    "Timor-Leste",
    "Lao People's Democratic Republic",
];

/// A sentence in three languages; `{t}` stands for a topic, `{c}` for a
/// country and `{n}` for a number.
pub(crate) type Template = (&'static str, &'static str, &'static str);

pub(crate) const ITEM: &[Template] = &[
    (
        "Expansion of the Office's work on {t} to additional member States",
        "Extension des travaux du Bureau sur {t} à d'autres États membres",
        "Ampliación de la labor de la Oficina sobre {t} a otros Estados miembros",
    ),
    (
        "Generation of knowledge on what works in {t}",
        "Production de connaissances sur ce qui fonctionne en matière de {t}",
        "Generación de conocimientos sobre lo que funciona en {t}",
    ),
    (
        "Strengthening of the capacity of constituents in {t}",
        "Renforcement des capacités des mandants concernant {t}",
        "Fortalecimiento de la capacidad de los mandantes en {t}",
    ),
    (
        "Partnerships with international financial institutions on {t}",
        "Partenariats avec les institutions financières internationales sur {t}",
        "Alianzas con las instituciones financieras internacionales sobre {t}",
    ),
    (
        "Country-level programmes on {t}, starting with {c}",
        "Programmes nationaux sur {t}, en commençant par {c}",
        "Programas nacionales sobre {t}, comenzando por {c}",
    ),
];

pub(crate) const DELIVERABLE: &[Template] = &[
    (
        "A report that takes stock of what works in {t} and how to scale it up",
        "Un rapport qui fait le point sur ce qui fonctionne en matière de {t}",
        "Un informe que hace balance de lo que funciona en {t}",
    ),
    (
        "Design and implementation of {n} additional country programme outcomes on {t}",
        "Conception et mise en œuvre de {n} résultats supplémentaires de programmes par pays sur {t}",
        "Diseño y ejecución de {n} resultados adicionales de programas por país sobre {t}",
    ),
    (
        "A series of impact assessments of interventions on {t}",
        "Une série d'évaluations d'impact des interventions sur {t}",
        "Una serie de evaluaciones de impacto de intervenciones sobre {t}",
    ),
    (
        "Training of constituents in {c} on {t}",
        "Formation des mandants de {c} sur {t}",
        "Formación de los mandantes de {c} sobre {t}",
    ),
    (
        "Mobilization of extra-budgetary resources for {t}",
        "Mobilisation de ressources extrabudgétaires pour {t}",
        "Movilización de recursos extrapresupuestarios para {t}",
    ),
    (
        "A global conference on {t}",
        "Une conférence mondiale sur {t}",
        "Una conferencia mundial sobre {t}",
    ),
];

pub(crate) const MILESTONE: &[Template] = &[
    (
        "Report on {t} is produced and made available",
        "Le rapport sur {t} est produit et mis à disposition",
        "El informe sobre {t} se elabora y se pone a disposición",
    ),
    (
        "Synthesis review on {t} is published",
        "La synthèse sur {t} est publiée",
        "La síntesis sobre {t} se publica",
    ),
    (
        "Project proposals on {t} are submitted to donors",
        "Des propositions de projets sur {t} sont soumises aux donateurs",
        "Se presentan a los donantes propuestas de proyectos sobre {t}",
    ),
    (
        "Regional workshop on {t} is held in {c}",
        "Un atelier régional sur {t} se tient au {c}",
        "Se celebra en {c} un taller regional sobre {t}",
    ),
];

pub(crate) const COUNT: &[Template] = &[
    (
        "Member States report improvements in {t}",
        "Des États membres font état de progrès en matière de {t}",
        "Los Estados miembros informan de mejoras en {t}",
    ),
    (
        "New research briefs on {t}",
        "Nouvelles notes de recherche sur {t}",
        "Nuevas notas de investigación sobre {t}",
    ),
    (
        "Constituents trained on {t}",
        "Mandants formés sur {t}",
        "Mandantes formados sobre {t}",
    ),
];

pub(crate) const PERCENTAGE: &[Template] = &[
    (
        "Participants in training on {t} who report applying what they learned",
        "Participants aux formations sur {t} qui déclarent appliquer ce qu'ils ont appris",
        "Participantes en la formación sobre {t} que declaran aplicar lo aprendido",
    ),
    (
        "Enterprises supported on {t} that are still operating after two years",
        "Entreprises appuyées en matière de {t} toujours actives après deux ans",
        "Empresas apoyadas en {t} que siguen funcionando después de dos años",
    ),
];

pub(crate) const MONEY: &[Template] = &[
    (
        "Increase in the extra-budgetary portfolio on {t}",
        "Augmentation du portefeuille extrabudgétaire consacré à {t}",
        "Aumento de la cartera extrapresupuestaria dedicada a {t}",
    ),
    (
        "Resources mobilized for {t} in {c}",
        "Ressources mobilisées pour {t} au {c}",
        "Recursos movilizados para {t} en {c}",
    ),
];

pub(crate) const QUALITATIVE: &[Template] = &[
    (
        "External audit reports confirm that projects on {t} passed the audit",
        "Les rapports d'audit externe confirment que les projets sur {t} ont passé l'audit",
        "Los informes de auditoría externa confirman que los proyectos sobre {t} superaron la auditoría",
    ),
    (
        "Evaluation finds the approach to {t} relevant and effective",
        "L'évaluation juge pertinente et efficace l'approche de {t}",
        "La evaluación considera pertinente y eficaz el enfoque de {t}",
    ),
];

pub(crate) const NARRATIVE_DONE: &[Template] = &[
    (
        "The work on {t} was completed; the results were shared with constituents in {c}.",
        "Les travaux sur {t} sont achevés; les résultats ont été communiqués aux mandants de {c}.",
        "La labor sobre {t} ha concluido; los resultados se comunicaron a los mandantes de {c}.",
    ),
    (
        "Report was published and presented at a tripartite validation workshop in {c}.",
        "Le rapport a été publié et présenté lors d'un atelier tripartite de validation au {c}.",
        "El informe se publicó y se presentó en un taller tripartito de validación en {c}.",
    ),
];

pub(crate) const NARRATIVE_ONGOING: &[Template] = &[
    (
        "A concept note on {t} has been developed and work has begun in {c}; completion is expected within the biennium.",
        "Une note conceptuelle sur {t} a été élaborée et les travaux ont commencé au {c}.",
        "Se ha elaborado una nota conceptual sobre {t} y la labor ha comenzado en {c}.",
    ),
    (
        "{n} countries, including {c}, are now working with the Office on {t}.",
        "{n} pays, dont le {c}, collaborent désormais avec le Bureau sur {t}.",
        "{n} países, entre ellos {c}, colaboran ahora con la Oficina sobre {t}.",
    ),
];

pub(crate) const NARRATIVE_PENDING: &[Template] = &[(
    "Because the resources for {t} are not yet available, this work has not begun.",
    "Faute de ressources disponibles pour {t}, ces travaux n'ont pas commencé.",
    "Al no disponerse aún de recursos para {t}, esta labor no ha comenzado.",
)];

pub(crate) const LINE_NOTE: &[Template] = &[
    (
        "Country-level work on {t} is covered by the programme and budget.",
        "Les travaux nationaux sur {t} sont couverts par le programme et budget.",
        "La labor nacional sobre {t} está cubierta por el programa y presupuesto.",
    ),
    (
        "Some of the work on {t} in {c} is underfunded.",
        "Une partie des travaux sur {t} au {c} est sous-financée.",
        "Parte de la labor sobre {t} en {c} no cuenta con financiación suficiente.",
    ),
    (
        "This work on {t} requires additional resources that have not yet been allocated.",
        "Ces travaux sur {t} exigent des ressources supplémentaires qui n'ont pas encore été allouées.",
        "Esta labor sobre {t} requiere recursos adicionales que aún no se han asignado.",
    ),
];

pub(crate) const REQUEST: &[Template] = &[
    (
        "Requests for {n} additional assessments of {t} have been received but are not yet funded",
        "Des demandes portant sur {n} évaluations supplémentaires de {t} ont été reçues mais ne sont pas encore financées",
        "Se han recibido solicitudes de {n} evaluaciones adicionales de {t} que aún no están financiadas",
    ),
    (
        "Requests from {c} for support on {t}",
        "Demandes d'appui du {c} concernant {t}",
        "Solicitudes de apoyo de {c} sobre {t}",
    ),
];

pub(crate) const REMARK: &[Template] = &[
    (
        "Work on {t} advances fastest where constituents were involved from the start.",
        "Les travaux sur {t} avancent plus vite lorsque les mandants y sont associés dès le départ.",
        "La labor sobre {t} avanza más rápido cuando los mandantes participan desde el principio.",
    ),
    (
        "Mobilizing resources for {t} takes longer than the plan foresaw.",
        "La mobilisation de ressources pour {t} prend plus de temps que prévu.",
        "La movilización de recursos para {t} lleva más tiempo de lo previsto.",
    ),
    (
        "The Office will scale up its work on {t}, starting with {c}.",
        "Le Bureau intensifiera ses travaux sur {t}, en commençant par le {c}.",
        "La Oficina intensificará su labor sobre {t}, comenzando por {c}.",
    ),
];

/// The values that fill a template's blanks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fill {
    pub(crate) topic: Topic,
    pub(crate) country: &'static str,
    pub(crate) number: u64,
}

impl Fill {
    /// A random topic, country and small number.
    pub(crate) fn random(rng: &mut Rng) -> Self {
        Fill {
            topic: rng.pick(TOPICS, t("SMEs", "les PME", "las pymes")),
            country: rng.pick(COUNTRIES, "Kenya"),
            number: rng.range(2, 12),
        }
    }
}

fn fill(template: &str, topic: &str, f: &Fill) -> String {
    let mut out = template.replace("{t}", topic).replace("{c}", f.country);
    if out.contains("{n}") {
        out = out.replace("{n}", &f.number.to_string());
    }
    out
}

/// The template filled in English, with French and Spanish versions in
/// `translated` per cent of cases (ILO texts are often English-only in
/// working files).
pub(crate) fn text(
    rng: &mut Rng,
    pool: &[Template],
    f: &Fill,
    translated: u64,
) -> Result<Text, Error> {
    let (en, fr, es) = rng.pick(
        pool,
        ("Synthetic text on {t}", "Texte sur {t}", "Texto sobre {t}"),
    );
    let mut out = english(fill(en, f.topic.en, f))?;
    if rng.percent(translated) {
        out = out
            .with(Language::Fr, fill(fr, f.topic.fr, f))
            .and_then(|t| t.with(Language::Es, fill(es, f.topic.es, f)))
            .map_err(Error::internal)?;
    }
    Ok(out)
}

/// An English-only text. The generator's words are never empty, so an
/// error here is a bug in this crate, reported as [`Error::Internal`].
pub(crate) fn english(en: impl Into<String>) -> Result<Text, Error> {
    Text::en(en).map_err(Error::internal)
}

/// A fixed text in the three languages.
pub(crate) fn trilingual(en: &str, fr: &str, es: &str) -> Result<Text, Error> {
    Text::en(en)
        .and_then(|t| t.with(Language::Fr, fr))
        .and_then(|t| t.with(Language::Es, es))
        .map_err(Error::internal)
}
