import ArgumentParser

/// `hopfield lecture` (and `hopfield help lecture`): how to run a lecture with the program.
struct Lecture: ParsableCommand {
    static let guide = """
    Teaching with hopfield

    1. Prepare. `hopfield lesson` lists the bundled lessons; `hopfield lesson
       capacity` runs one. Step with PageDown/PageUp (or > and <); every other
       key works as usual, so you can improvise and come back. Write your own
       lessons as text files (format: patterns/lessons/README.md) and run them
       with `hopfield lesson my-lesson.txt`.

    2. Rehearse and record. `hopfield lesson capacity --record demo.rec` (or
       `hopfield --record demo.rec`) saves the command line, the seed and every
       key and mouse event with its time. `hopfield replay demo.rec` plays it
       back exactly: same random numbers, same screens (--speed 2 for twice as
       fast). A recording is also the best bug report.

    3. Share one screen with the class, read-only, over SSH, with tmux (3.3 or
       later):

         # lecturer: start the session on a socket the students' group can reach
         tmux -S /tmp/lecture.sock new-session -d -s lecture 'hopfield lesson 01'
         chgrp students /tmp/lecture.sock && chmod g+rw /tmp/lecture.sock
         # once per student (here alice): read-only access
         tmux -S /tmp/lecture.sock server-access -a -r alice
         tmux -S /tmp/lecture.sock set-option -g window-size smallest
         tmux -S /tmp/lecture.sock attach -t lecture

         # each student, from their own SSH login:
         tmux -S /tmp/lecture.sock attach -r -t lecture

       `attach -r` makes a client read-only; `server-access -r` enforces it for
       that user whatever they type (tmux refuses other users until server-
       access lists them). With window-size smallest the view takes the size of
       the smallest attached terminal and re-lays itself out whenever someone
       joins or leaves; `window-size manual` plus `tmux resize-window -t lecture
       -x 100 -y 30` fixes the size instead, and larger terminals then show it
       with a margin. Keep the socket's group to the class: anyone with access
       can watch.

    4. Projectors and slow links. A big window scales the grid up. A terminal
       with a white background wants `--theme light` (or HOPFIELD_THEME=light
       in the shell's profile). `--no-color` (or NO_COLOR=1) gives a
       monochrome view that stays legible on a washed-out projector;
       `--ascii` (automatic when the locale is not UTF-8) avoids missing
       glyphs; `--fps 5` cuts the bandwidth over a slow connection.
       Paused, the program draws nothing and uses no CPU.

    5. Slides. `hopfield snapshot --output view.svg` (same options as the live
       view, plus --keys to press some keys first) writes the view as an SVG
       picture drawn cleanly for a slide; `p` in the live view writes the
       current screen to hopfield-view-N.svg.
    """

    static let configuration = CommandConfiguration(
        abstract: "How to prepare, record, share and project a lecture.",
        discussion: guide)

    func run() throws {
        print(Self.guide)
    }
}
