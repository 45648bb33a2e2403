// HeidelTime standalone on many documents in one JVM, for benchmarks/bench_languages.py.
//
// The jar's own command line tags one file per JVM, and its start-up (the JVM, UIMA, the
// language's resources) is nearly all of its cost on a news article. This program builds
// HeidelTimeStandalone once, as that command line does (news or the given type, TimeML out,
// TreeTagger, no interval tagger), then reads one job a line from standard input,
//     INPUT-FILE <TAB> CREATION-DATE (yyyy-MM-dd) <TAB> OUTPUT-FILE
// tags the UTF-8 input against that date, writes the TimeML to the output file and prints
// "done OUTPUT-FILE" on standard output.
//
//     java -cp de.unihd.dbs.heideltime.standalone.jar HeidelTimeBatch.java LANGUAGE TYPE CONFIG
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        Language language = Language.getLanguageFromString(args[0]);
        DocumentType type = DocumentType.valueOf(args[1].toUpperCase());
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                language, type, OutputType.TIMEML, args[2], POSTagger.TREETAGGER, Boolean.FALSE);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        BufferedReader jobs = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = jobs.readLine(); line != null; line = jobs.readLine()) {
            String[] job = line.split("\t");
            String text = Files.readString(Path.of(job[0]), StandardCharsets.UTF_8);
            Date created = job[1].isEmpty() ? null : day.parse(job[1]);
            String timeml = created == null ? tagger.process(text) : tagger.process(text, created);
            Files.writeString(Path.of(job[2]), timeml, StandardCharsets.UTF_8);
            System.out.println("done " + job[2]);
            System.out.flush();
        }
    }
}
