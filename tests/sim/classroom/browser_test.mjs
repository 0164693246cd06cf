// The teacher's and a team's pages in headless Chromium (Debian's), driven by
// puppeteer-core: start a session, step, move a slider, open a class, join as a team,
// decide, retaliate, play on the server's clock, read the debrief; the charts and the map
// must change and no console error may occur.
// Screenshots go to OUTDIR for a person to look at.
// Usage: node browser_test.mjs URL OUTDIR WEB   (browser_test.sh starts the server;
// WEB is sim/classroom/web, where npm ci put puppeteer-core)
import { createRequire } from "node:module";

const [url, outdir, web] = process.argv.slice(2);
const puppeteer = createRequire(web + "/package.json")("puppeteer-core");

const problems = [];
let checks = 0;
function check(what, ok) {
  checks++;
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (!ok) problems.push(what);
}
function watch(page, who) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${who} console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${who} page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`${who} request failed: ${r.url()}`));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const teacher = await browser.newPage();
  await teacher.setViewport({ width: 1600, height: 900 });  // a projector's 16:9
  watch(teacher, "teacher");
  await teacher.goto(url + "/", { waitUntil: "networkidle0" });
  await teacher.click("#start");
  await teacher.waitForSelector(".column .map svg .mark-shape path", { timeout: 30000 });
  await teacher.waitForSelector(".column .chart svg", { timeout: 30000 });
  const columns = await teacher.$$eval(".column", (c) => c.length);
  check("three columns, one per variant", columns === 3);

  const mapFills = () => teacher.$$eval(".column:nth-child(2) .map svg g.mark-shape.role-mark", (layers) =>
    layers.length < 2 ? [] : [...new Set([...layers[1].querySelectorAll("path")].map((p) => p.getAttribute("fill")))]);
  const chartPoints = () => teacher.$$eval(".column:nth-child(2) .chart svg .mark-symbol.role-mark path", (p) => p.length);
  const flowLines = () => teacher.$$eval(".column:nth-child(2) .map svg .mark-rule.role-mark line", (l) => l.length);
  const fillsBefore = await mapFills();
  const pointsBefore = await chartPoints();

  for (let k = 1; k <= 6; k++) {
    await teacher.click("#step");
    await teacher.waitForFunction((k) => document.getElementById("month").textContent.startsWith(`${k} of`), {}, k);
  }
  await sleep(500);
  const pointsAfter = await chartPoints();
  check(`the chart grows with the steps (${pointsBefore} -> ${pointsAfter} points)`, pointsAfter >= pointsBefore + 12);
  const fillsAfter = await mapFills();
  check(`the map recolours states by what they lose or gain (${fillsBefore.join(" ")} -> ${fillsAfter.join(" ")})`,
        fillsAfter.join() !== fillsBefore.join() && fillsAfter.some((f) => !fillsBefore.includes(f)));
  check(`the map draws this month's flows of the controlled item (${await flowLines()} lines)`, (await flowLines()) > 0);
  const log = await teacher.$eval("#log", (l) => l.textContent);
  check("the event log says when the control starts", /month 4: in force from now/.test(log));

  // A slider: the coalition column's diversion propensity.
  await teacher.select(".column:nth-child(2) .kind", "diversion");
  await teacher.$eval(".column:nth-child(2) input.value", (s) => {
    s.value = "0.7";
    s.dispatchEvent(new Event("input"));
    s.dispatchEvent(new Event("change"));
  });
  await teacher.waitForFunction(() => document.getElementById("log").textContent.includes("try fronts with probability 0.70"));
  check("moving a slider logs the change in plain words", true);

  // Role play: open a class on the coalition's column.
  await teacher.click("#open-class");
  await teacher.$eval("#class-states", (i) => (i.value = "KOR CHN"));
  await teacher.$eval("#class-firms", (i) => (i.value = "NLD:equipment"));  // a firm team: the Dutch tool makers
  await teacher.select("#class-variant", "1");
  await teacher.click("#class-go");
  await teacher.waitForFunction(() => /^[A-Z2-9]{5}$/.test(document.getElementById("class-code").textContent));
  const code = await teacher.$eval("#class-code", (c) => c.textContent);
  check(`a class code shows on the teacher's screen (${code})`, true);

  const context = await browser.createBrowserContext();  // the team's own browser
  const team = await context.newPage();
  await team.setViewport({ width: 1100, height: 900 });
  watch(team, "team");
  await team.goto(url + "/team", { waitUntil: "networkidle0" });
  await team.type("#code", code);
  await team.click("#find");
  await team.waitForSelector("#pick-state:not([hidden])");
  await team.select("#state", "KOR");
  await team.click("#join-go");
  await team.waitForSelector("#dashboard:not([hidden])");
  await team.waitForSelector("#map svg .mark-shape path", { timeout: 30000 });
  const brief = await team.$eval("#brief", (b) => b.textContent);
  check("the team sees its own private brief", brief.startsWith("You are Republic of Korea"));
  check("no control aims at Korea: its page offers no retaliation", await team.$eval("#retaliate-row", (r) => r.hidden));
  await team.waitForSelector("#own-chart svg");
  await team.select("#d-coalition", "join");
  await team.click("#d-over-on");  // its firms too: Korea's exporters over-comply, at 0.60
  await team.$eval("#d-over", (s) => {
    s.value = "0.6";
    s.dispatchEvent(new Event("input"));
  });
  await team.click("#submit");
  await team.waitForFunction(() => document.getElementById("status").textContent.startsWith("Decided"));
  // The teacher's screen polls; with every joined team decided it advances the month.
  await teacher.waitForFunction(() => document.getElementById("month").textContent.startsWith("7 of"), { timeout: 15000 });
  const events = await teacher.$eval("#log", (l) => l.textContent);
  check("the team's decision reaches the teacher's log and the month advances",
        events.includes("Republic of Korea joins the controls (Republic of Korea's team)"));
  check("its firms' decision too, in plain words",
        events.includes("Republic of Korea's exporters decline legal sales to targeted states with probability 0.60 (Republic of Korea's team)"));
  // Reloaded in the next round, the form shows what Korea does now (0.60, not the page's 0.30), unticked.
  await team.reload({ waitUntil: "networkidle0" });
  await team.waitForSelector("#dashboard:not([hidden])");
  await team.waitForFunction(() => document.getElementById("d-over-shown").textContent === "0.60", { timeout: 10000 })
    .catch(() => {});
  const form = await team.evaluate(() => [document.getElementById("d-over").value, document.getElementById("d-over-on").checked,
                                          document.getElementById("d-coalition").value]);
  check(`after a reload the sliders start from what the state does now (${form})`,
        form[0] === "0.6" && form[1] === false && form[2] === "stay");
  // The Dutch tool makers, a firm team apart from their state, in a third browser:
  // they join now (round 2), so the round just played was Korea's alone.
  const firmsContext = await browser.createBrowserContext();
  const firms = await firmsContext.newPage();
  await firms.setViewport({ width: 1100, height: 1200 });
  watch(firms, "firm team");
  await firms.goto(url + "/team", { waitUntil: "networkidle0" });
  await firms.type("#code", code);
  await firms.click("#find");
  await firms.waitForSelector("#pick-state:not([hidden])");
  const offered = await firms.$$eval("#state option", (o) => o.map((x) => [x.value, x.textContent]));
  check(`the join list offers the firm team beside the states (${offered.map((o) => o[0]).join(" ")})`,
        offered.some(([v, t]) => v === "NLD-firms" && t.startsWith("Netherlands' makers of Chip-making equipment")));
  await firms.select("#state", "NLD-firms");
  await firms.click("#join-go");
  await firms.waitForSelector("#firm-dashboard:not([hidden])");
  for (const el of ["firm-sales", "firm-targets", "firm-share", "firm-rivals"])
    await firms.waitForSelector(`#${el} svg .mark-line path`, { timeout: 30000 });
  await firms.waitForSelector("#map svg .mark-shape path", { timeout: 30000 });
  const firmBrief = await firms.$eval("#brief", (b) => b.textContent);
  check("the firm team sees its own brief", firmBrief.startsWith("You are Netherlands' makers of Chip-making equipment: 1 firm"));
  const hiddenState = await firms.evaluate(() => [document.getElementById("state-decision").hidden,
    document.getElementById("own-panel").hidden, document.getElementById("firm-decision").hidden]);
  check("its page offers its firms' decisions only, not its state's", hiddenState.join() === "true,true,false");
  const lines = await firms.$$eval("#firm-sales svg .mark-line path", (p) => p.length);
  check(`its sales chart draws the run and its baseline (${lines} lines)`, lines === 2);
  const figures = await firms.$eval("#firm-figures", (f) => f.textContent);
  check(`its figures name the target and the revenue lost (${figures})`, figures.includes("targets (CHN)") && figures.includes("revenue lost"));
  const gains = await firms.$eval("#firm-gains tbody", (t) => t.textContent);
  check(`its competitors' gains by state (${gains})`, gains.includes("United States") || gains.includes("Republic of Korea"));
  await firms.click("#f-over-on");
  await firms.$eval("#f-over", (s) => { s.value = "1"; s.dispatchEvent(new Event("input")); });
  await firms.click("#f-submit");
  await firms.waitForFunction(() => document.getElementById("f-status").textContent.startsWith("Decided"));
  const teamsTable = await teacher.waitForFunction(() => {
    const t = document.getElementById("teams").textContent;
    return t.includes("Netherlands' makers of Chip-making equipment (firms)") && t.includes("over-comply with probability 1.00");
  }, { timeout: 8000 }).then(() => true, () => false);
  check("the teacher's status shows the firm team, joined and decided", teamsTable);
  await firms.reload({ waitUntil: "networkidle0" });
  await firms.waitForSelector("#firm-dashboard:not([hidden])");
  check("a reloaded firm team page resumes", (await firms.$eval("#f-status", (t) => t.textContent)).startsWith("Decided"));
  // and its form shows the decision it made (over-comply at 1, ticked), not the page's 0.30.
  const firmForm = await firms.evaluate(() => [document.getElementById("f-over").value,
    document.getElementById("f-over-shown").textContent, document.getElementById("f-over-on").checked,
    document.getElementById("f-fronts-on").checked]);
  check(`after a reload the firm team's form shows its decision (${firmForm})`,
        firmForm.join() === "1,1.00,true,false");
  await firms.waitForSelector("#firm-rivals svg .mark-line path", { timeout: 30000 });
  await firms.waitForSelector("#map svg .mark-shape path", { timeout: 30000 });
  await sleep(800);
  await firms.screenshot({ path: `${outdir}/team-firms.png`, fullPage: true });

  await team.reload({ waitUntil: "networkidle0" });
  await team.waitForSelector("#dashboard:not([hidden])");
  check("a reloaded team page resumes its dashboard", (await team.$eval("#round-title", (t) => t.textContent)).includes("round 2"));
  await team.waitForSelector("#map svg .mark-shape path", { timeout: 30000 });
  await sleep(800);
  await team.screenshot({ path: `${outdir}/team.png`, fullPage: true });
  await teacher.reload({ waitUntil: "networkidle0" });  // the teacher's page resumes too
  await teacher.waitForSelector(".column:nth-child(1) .map svg .mark-rule.role-mark line", { timeout: 30000 });
  check("a reloaded teacher's page resumes the session", (await teacher.$eval("#month", (m) => m.textContent)).startsWith("7 of"));
  // A retaliation from the change row: China answers the unilateral control.
  await teacher.select(".column:nth-child(1) .kind", "retaliate");
  await teacher.select(".column:nth-child(1) .state", "CHN");
  await teacher.click(".column:nth-child(1) .apply");
  await teacher.waitForFunction(() => /China retaliates: .* to United States \(teacher\)/.test(document.getElementById("log").textContent));
  check("a retaliation from the change row is logged in plain words", true);

  // Play runs on the server: the month moves with no Step, and the team's page (another
  // browser, polling) follows it; Pause stops it.
  await teacher.select("#speed", "600");
  await teacher.click("#play");
  await teacher.waitForFunction(() => /^(9|1[0-9]) of/.test(document.getElementById("month").textContent), { timeout: 20000 });
  await teacher.click("#play");  // Pause
  await teacher.waitForFunction(() => document.getElementById("play").textContent === "Play");
  await sleep(300);
  const paused = await teacher.$eval("#month", (m) => m.textContent);
  await sleep(1500);
  check(`Play steps on the server and Pause stops it (${paused})`, (await teacher.$eval("#month", (m) => m.textContent)) === paused);
  const month = Number(paused.split(" ")[0]);
  await team.waitForFunction((m) => document.getElementById("who").textContent.includes(`month ${m} of`), { timeout: 8000 }, month);
  check("the team's page shows the same month", true);

  // The debrief: Korea's decision and its effect against the session replayed without it.
  await teacher.click("#debrief-open");
  await teacher.waitForFunction(() => /\((\+|−|-)?[0-9.]+/.test(document.querySelector("#debrief tbody").textContent), { timeout: 20000 });
  const debrief = await teacher.$eval("#debrief tbody", (t) => t.textContent);
  check(`the debrief lists Korea's decision with its measured effect (${debrief.slice(0, 90)}…)`,
        debrief.includes("KOR") && debrief.includes("joins the coalition"));
  check("the debrief says the month its effects were measured at",
        /Effects at month \d+\./.test(await teacher.$eval("#debrief-status", (e) => e.textContent)));
  check("the debrief carries the class column's chart for printing", (await teacher.$$eval("#debrief-chart svg", (s) => s.length)) === 1);
  await teacher.emulateMediaType("print");
  await teacher.screenshot({ path: `${outdir}/debrief-print.png`, fullPage: true });
  const printed = await teacher.evaluate(() => [getComputedStyle(document.querySelector("header")).display,
    getComputedStyle(document.querySelector("#debrief")).display]);
  check(`printed, the debrief stands alone (header ${printed[0]}, table ${printed[1]})`, printed[0] === "none" && printed[1] !== "none");
  await teacher.emulateMediaType("screen");
  await teacher.evaluate(() => document.getElementById("debrief-dialog").close());

  // A projector: the main view at 1280x720 and 1920x1080, without scrolling.
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await teacher.setViewport({ width: w, height: h });
    await sleep(1500);  // the columns are laid out again for the new size
    await teacher.waitForSelector(".column:nth-child(1) .map svg .mark-shape path", { timeout: 30000 });
    await sleep(800);
    await teacher.screenshot({ path: `${outdir}/teacher-${w}x${h}.png` });
    const scroll = await teacher.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight,
      document.documentElement.scrollWidth, window.innerWidth]);
    check(`at ${w}x${h} the main view needs no scrolling (${scroll[0]} <= ${scroll[1]}, ${scroll[2]} <= ${scroll[3]})`,
          scroll[0] <= scroll[1] && scroll[2] <= scroll[3]);
  }
} catch (e) {
  problems.push("error: " + e.message);
} finally {
  await browser.close();
}
for (const p of problems) console.log("PROBLEM: " + p);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
